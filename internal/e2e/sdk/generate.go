package sdk

//go:generate go run ../../../cmd/gen -spec spec.yaml -out . -package sdk -split on
