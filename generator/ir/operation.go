package ir

import "strings"

// Operation is one HTTP operation.
type Operation struct {
	// Name is the Go method name, from the operationId.
	Name string
	// ID is the operationId as the spec writes it, "" when it gives none.
	ID     string
	Method string
	// Path is the path template requests follow: Route without its query
	// part, RFC 6570 operators ("{+name}") read as plain variables.
	Path string
	// Route is the path key as the spec writes it ("/orders/{id}").
	Route string
	// FixedQuery are the query parameters the path key itself carries
	// ("/items/{id}?beta=true"): the client always sends them and the
	// server routes by them. Sorted by name.
	FixedQuery []*QueryPair
	// Accept lists the media types the operation's responses document,
	// those the generated code prefers first (JSON, form, raw bytes,
	// text), each group sorted: what the client says it accepts.
	Accept     []string
	Summary    string
	Doc        string
	Deprecated bool
	Tags       []string
	Pointer    string
	Params     []*Param
	// ParamsType is the Go name of the struct holding the parameters, or
	// "" when the operation has none.
	ParamsType string
	// RequestType is the Go name of the server's request struct.
	RequestType string
	Body        *Body
	// Idempotency is the request header the operation takes an idempotency
	// key in ("Idempotency-Key"), when the description documents one (a
	// header parameter of that name, or x-idempotency-key): the client then
	// retries a POST or PATCH with the same key, made up when the caller
	// gives none.
	Idempotency string
	// Pagination, for an operation whose results come in pages, says how
	// to fetch them all; nil otherwise.
	Pagination *Pagination
	// Sender, for an operation with several request media types, is the
	// unexported Client method the method of each one calls with the
	// encoded body.
	Sender string
	// Responses are in order: numeric codes ascending, then ranges, then
	// default.
	Responses []*Response
	// ResponseType is the Go name of the interface every response of the
	// operation implements.
	ResponseType string
	// Security lists the alternatives (OR) of scheme sets (AND). An empty
	// alternative means no credentials are needed; a nil Security means
	// the operation needs none.
	Security [][]*SecurityUse
}

// PathVars lists the names of a path template's variables, in order.
func PathVars(path string) []string {
	var out []string
	for {
		i := strings.Index(path, "{")
		j := strings.Index(path, "}")
		if i < 0 || j < i {
			return out
		}
		out = append(out, path[i+1:j])
		path = path[j+1:]
	}
}

// ParamIn is where a parameter travels.
type ParamIn string

// The parameter locations of OpenAPI.
const (
	InPath   ParamIn = "path"
	InQuery  ParamIn = "query"
	InHeader ParamIn = "header"
	InCookie ParamIn = "cookie"
)

// Param is an operation parameter.
type Param struct {
	Name     string // name on the wire
	GoName   string // field name in the params struct
	In       ParamIn
	Doc      string
	Required bool
	// Type is the field's type; optional parameters are pointers (or nil
	// slices).
	Type       *GoType
	Style      string
	Explode    bool
	Deprecated bool
	// AllowEmpty: a query parameter may be given with an empty value
	// (allowEmptyValue); without it a server refuses "?name=".
	AllowEmpty bool
	// Rule is what a server checks of the decoded value.
	Rule *Rule
}

// BodyKind is the encoding of a request or response body.
type BodyKind int

// The body encodings.
const (
	JSON      BodyKind = iota
	Form               // application/x-www-form-urlencoded
	Multipart          // multipart/form-data
	Binary             // raw bytes (octet-stream and other non-text types)
	Text               // text/*
	Events             // text/event-stream: a stream of server-sent events
)

// Body is a request or response body.
type Body struct {
	ContentType string
	Kind        BodyKind
	Required    bool
	Doc         string
	Type        *GoType
	// Rule is what a server checks of a JSON body.
	Rule *Rule
	// Nullable is set for a JSON body that may be null: a client returns
	// a success body of this kind through a pointer that is nil for null.
	Nullable bool
	// Alts, on the main body of a request or response, are the other
	// media types it documents, each with its own encoding, in order.
	Alts []*Body
	// Name tells an alternative apart in Go names ("MergePatchJSON",
	// "YAML"); "" for the main body.
	Name string
	// Field is the struct field that holds the body in a request or
	// response struct: "Body", shared by alternatives of the same Go type
	// as the main body, or "Body"+Name.
	Field string
	// Method, for an alternative request body, is the client method that
	// sends it.
	Method string
	// Terminator, for an Events body, is the event data that ends the
	// stream ("[DONE]"; x-sse-terminator), "" for none.
	Terminator string
	// Files is set for a multipart request body with file parts that is
	// its request's only media type: the client streams it, the server
	// reads it from the connection (files past a few MiB to disk).
	Files bool
	// Stream is set for a raw-bytes body that travels as a stream: a
	// request body (io.Reader) or a success response body (io.ReadCloser)
	// documented in that one media type. Other raw bytes are []byte.
	Stream bool
}

// Bodies is the main body followed by its alternatives; nil for none.
func (b *Body) Bodies() []*Body {
	if b == nil {
		return nil
	}
	return append([]*Body{b}, b.Alts...)
}

// Response is one documented response of an operation.
type Response struct {
	// Status is "200", "4XX" or "default".
	Status string
	// Code is the numeric status, or 0 for a range or default.
	Code int
	// TypeName is the Go name of the response struct.
	TypeName string
	Doc      string
	// Success is true for 1XX-3XX statuses (and ranges), false for errors
	// and default.
	Success bool
	Body    *Body
	Headers []*Header
	// ErrorShape, for an error response with a JSON object body, says how
	// a server fills that body for an error of its own; ShapeName names it
	// (the body's type name, shared by the responses that use the type).
	ErrorShape *ErrorShape
	ShapeName  string
}

// Header is a documented response header.
type Header struct {
	Name     string
	GoName   string
	Doc      string
	Required bool
	Type     *GoType
}

// ErrorShape says how a server writes a message and a status into an
// error body schema: which properties take the message, which the status,
// and which are objects filled the same way.
type ErrorShape struct {
	// Message holds the property that takes the message (one at most).
	Message []string
	Status  []string
	// Code are string properties that take a machine-readable code
	// ("invalid_request"); Text other required strings, which take the
	// status text.
	Code   []string
	Text   []string
	Nested []*NestedShape
}

// NestedShape is an object property of an ErrorShape.
type NestedShape struct {
	Name  string
	Shape *ErrorShape
}

// QueryPair is one fixed query parameter of a path key.
type QueryPair struct {
	Name, Value string
}

// Pagination says how an operation's results come in pages (its
// x-pagination, or inferred from common shapes).
type Pagination struct {
	// Style is "cursor", "page" (a page number) or "offset" (an item
	// offset).
	Style string
	// Param is the query parameter that says which page.
	Param *Param
	// Items, Next and HasMore are paths of struct fields from the response
	// body to the page's items, to the next page's cursor (cursor style
	// only) and to whether more pages follow (nil when the body does not
	// say).
	Items, Next, HasMore []*Field
	// Item is the Go type of one item.
	Item *GoType
	// Method is the client method that yields the items of every page.
	Method string
}
