package foundry

//go:generate go run ../../cmd/gen -spec ../../spec/openapi.yaml -out . -package foundry
