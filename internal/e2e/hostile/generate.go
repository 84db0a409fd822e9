package hostile

//go:generate go run ../../../cmd/gen -spec spec.yaml -out . -package hostile -generate types,client
