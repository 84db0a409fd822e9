package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/oasgen/oasgen/bench/oapi"
	ogenapi "github.com/oasgen/oasgen/bench/ogen"
	"github.com/oasgen/oasgen/bench/ours"
	"github.com/oasgen/oasgen/bench/stdlib"
)

// Impl is one implementation of the benchmark API: its types' JSON
// codecs, its server and a client factory.
type Impl struct {
	Name string
	// Decode decodes the payload into the implementation's list type.
	Decode func(data []byte) error
	// Encode encodes the implementation's list (decoded from the payload).
	Encode func() ([]byte, error)
	// Handler serves GET /items (the payload's list) and POST /items.
	Handler http.Handler
	// Client returns calls of GET and POST /items against baseURL, each
	// sending or checking the payload's list.
	Client func(baseURL string, hc *http.Client) (get, post func(context.Context) error)
}

// Impls returns the four implementations, ours first, for a payload.
func Impls(payload []byte) []*Impl {
	return []*Impl{oursImpl(payload), ogenImpl(payload), oapiImpl(payload), stdlibImpl(payload)}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func wantItems(n, want int) error {
	if n != want {
		return fmt.Errorf("got %d items, want %d", n, want)
	}
	return nil
}

// --- ours

type oursServer struct{ list *ours.ItemList }

func (s oursServer) ListItems(ctx context.Context, req *ours.ListItemsRequest) (ours.ListItemsResponse, error) {
	return &ours.ListItemsOK{Body: *s.list}, nil
}

func (s oursServer) CreateItems(ctx context.Context, req *ours.CreateItemsRequest) (ours.CreateItemsResponse, error) {
	return &ours.CreateItemsCreated{Body: ours.Accepted{Count: int64(len(req.Body.Items))}}, nil
}

func oursImpl(payload []byte) *Impl {
	var list ours.ItemList
	if err := json.Unmarshal(payload, &list); err != nil {
		panic(err)
	}
	return &Impl{
		Name: "ours",
		Decode: func(data []byte) error {
			var v ours.ItemList
			return v.UnmarshalJSON(data)
		},
		Encode:  func() ([]byte, error) { return list.MarshalJSON() },
		Handler: ours.NewHandler(oursServer{&list}),
		Client: func(baseURL string, hc *http.Client) (get, post func(context.Context) error) {
			c := must(ours.NewClient(baseURL, ours.WithHTTPClient(hc)))
			get = func(ctx context.Context) error {
				v, err := c.ListItems(ctx, ours.ListItemsParams{})
				if err != nil {
					return err
				}
				return wantItems(len(v.Items), len(list.Items))
			}
			post = func(ctx context.Context) error {
				v, err := c.CreateItems(ctx, list)
				if err != nil {
					return err
				}
				return wantItems(int(v.Count), len(list.Items))
			}
			return get, post
		},
	}
}

// --- ogen

type ogenServer struct{ list *ogenapi.ItemList }

func (s ogenServer) ListItems(ctx context.Context, params ogenapi.ListItemsParams) (*ogenapi.ItemList, error) {
	return s.list, nil
}

func (s ogenServer) CreateItems(ctx context.Context, req *ogenapi.ItemList) (*ogenapi.Accepted, error) {
	return &ogenapi.Accepted{Count: len(req.Items)}, nil
}

func (s ogenServer) NewError(ctx context.Context, err error) *ogenapi.ErrorStatusCode {
	return &ogenapi.ErrorStatusCode{StatusCode: http.StatusInternalServerError, Response: ogenapi.Error{Code: 500, Message: err.Error()}}
}

func ogenImpl(payload []byte) *Impl {
	var list ogenapi.ItemList
	if err := list.UnmarshalJSON(payload); err != nil {
		panic(err)
	}
	return &Impl{
		Name: "ogen",
		Decode: func(data []byte) error {
			var v ogenapi.ItemList
			return v.UnmarshalJSON(data)
		},
		Encode:  func() ([]byte, error) { return list.MarshalJSON() },
		Handler: must(ogenapi.NewServer(ogenServer{&list})),
		Client: func(baseURL string, hc *http.Client) (get, post func(context.Context) error) {
			c := must(ogenapi.NewClient(baseURL, ogenapi.WithClient(hc)))
			get = func(ctx context.Context) error {
				v, err := c.ListItems(ctx, ogenapi.ListItemsParams{})
				if err != nil {
					return err
				}
				return wantItems(len(v.Items), len(list.Items))
			}
			post = func(ctx context.Context) error {
				v, err := c.CreateItems(ctx, &list)
				if err != nil {
					return err
				}
				return wantItems(v.Count, len(list.Items))
			}
			return get, post
		},
	}
}

// --- oapi-codegen (strict server)

type oapiServer struct{ list *oapi.ItemList }

func (s oapiServer) ListItems(ctx context.Context, req oapi.ListItemsRequestObject) (oapi.ListItemsResponseObject, error) {
	return oapi.ListItems200JSONResponse(*s.list), nil
}

func (s oapiServer) CreateItems(ctx context.Context, req oapi.CreateItemsRequestObject) (oapi.CreateItemsResponseObject, error) {
	return oapi.CreateItems201JSONResponse{Count: len(req.Body.Items)}, nil
}

func oapiImpl(payload []byte) *Impl {
	var list oapi.ItemList
	if err := json.Unmarshal(payload, &list); err != nil {
		panic(err)
	}
	return &Impl{
		Name: "oapi-codegen",
		Decode: func(data []byte) error {
			var v oapi.ItemList
			return json.Unmarshal(data, &v)
		},
		Encode:  func() ([]byte, error) { return json.Marshal(&list) },
		Handler: oapi.Handler(oapi.NewStrictHandler(oapiServer{&list}, nil)),
		Client: func(baseURL string, hc *http.Client) (get, post func(context.Context) error) {
			c := must(oapi.NewClientWithResponses(baseURL, oapi.WithHTTPClient(hc)))
			get = func(ctx context.Context) error {
				v, err := c.ListItemsWithResponse(ctx, &oapi.ListItemsParams{})
				if err != nil {
					return err
				}
				if v.JSON200 == nil {
					return fmt.Errorf("status %d", v.StatusCode())
				}
				return wantItems(len(v.JSON200.Items), len(list.Items))
			}
			post = func(ctx context.Context) error {
				v, err := c.CreateItemsWithResponse(ctx, list)
				if err != nil {
					return err
				}
				if v.JSON201 == nil {
					return fmt.Errorf("status %d", v.StatusCode())
				}
				return wantItems(v.JSON201.Count, len(list.Items))
			}
			return get, post
		},
	}
}

// --- hand-written net/http and encoding/json

func stdlibImpl(payload []byte) *Impl {
	var list stdlib.ItemList
	if err := json.Unmarshal(payload, &list); err != nil {
		panic(err)
	}
	return &Impl{
		Name: "stdlib",
		Decode: func(data []byte) error {
			var v stdlib.ItemList
			return json.Unmarshal(data, &v)
		},
		Encode:  func() ([]byte, error) { return json.Marshal(&list) },
		Handler: stdlib.Handler(&list),
		Client: func(baseURL string, hc *http.Client) (get, post func(context.Context) error) {
			do := func(req *http.Request, want int, into any) error {
				resp, err := hc.Do(req)
				if err != nil {
					return err
				}
				defer resp.Body.Close()
				if resp.StatusCode != want {
					return errors.New(resp.Status)
				}
				if err := json.NewDecoder(resp.Body).Decode(into); err != nil {
					return err
				}
				_, err = io.Copy(io.Discard, resp.Body)
				return err
			}
			get = func(ctx context.Context) error {
				req, err := http.NewRequestWithContext(ctx, http.MethodGet, baseURL+"/items", nil)
				if err != nil {
					return err
				}
				var v stdlib.ItemList
				if err := do(req, http.StatusOK, &v); err != nil {
					return err
				}
				return wantItems(len(v.Items), len(list.Items))
			}
			post = func(ctx context.Context) error {
				data, err := json.Marshal(&list)
				if err != nil {
					return err
				}
				req, err := http.NewRequestWithContext(ctx, http.MethodPost, baseURL+"/items", bytes.NewReader(data))
				if err != nil {
					return err
				}
				req.Header.Set("Content-Type", "application/json")
				var v stdlib.Accepted
				if err := do(req, http.StatusCreated, &v); err != nil {
					return err
				}
				return wantItems(v.Count, len(list.Items))
			}
			return get, post
		},
	}
}
