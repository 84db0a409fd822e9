package models

//go:generate go run ../../../cmd/gen -spec spec.yaml -out . -package models -generate types
