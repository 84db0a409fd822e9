package v1

//go:generate go run ../../../../cmd/gen -spec spec.yaml -out . -package v1
