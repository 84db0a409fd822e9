package notes

//go:generate go tool gen -spec ../api/openapi.yaml -out . -package notes
