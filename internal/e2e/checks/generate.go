package checks

//go:generate go run ../../../cmd/gen -spec spec.yaml -out . -package checks -split on
