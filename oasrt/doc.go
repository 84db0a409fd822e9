// Package oasrt is the runtime of the Go packages gen writes: the JSON
// reader and writers of their types, the errors of values that break the
// API description's rules, the text and media-type helpers of their
// clients and servers, and the engines of their clients (Client, Send,
// credentials, token flows) and servers (Handler: routing, bodies,
// errors). Each generated package imports it instead of
// carrying its own copy, so a module compiles it once, and a build cache
// keeps it across regenerations and across every API a module generates.
//
// Its API is for generated code: a package gen writes needs the oasrt of
// the same gen version (one module holds both), and the names here change
// with the generator. Code written by hand uses the generated package.
package oasrt
