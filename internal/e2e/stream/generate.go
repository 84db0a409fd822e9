package stream

//go:generate go run ../../../cmd/gen -spec spec.yaml -out . -package stream
