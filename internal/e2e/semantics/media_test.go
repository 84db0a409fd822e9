package semantics_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/oasgen/oasgen/internal/e2e/semantics"
)

// PutDoc stores what it is sent and answers in the media type the "as"
// parameter names; id "missing" gets the 404, "bad" a media type the
// operation does not document.
func (i *impl) PutDoc(_ context.Context, req *semantics.PutDocRequest) (semantics.PutDocResponse, error) {
	i.mu.Lock()
	i.doc = *req
	i.mu.Unlock()
	title := req.Body.Title
	switch req.ContentType {
	case "multipart/form-data":
		title = req.BodyMultipart.Title
	case "application/octet-stream":
		title = string(req.BodyBinary)
	case "text/plain":
		title = req.BodyText
	}
	as := semantics.PutDocAsJSON
	if req.Accept == "application/yaml" {
		as = semantics.PutDocAsYaml
	}
	if req.Params.As != nil {
		as = *req.Params.As
	}
	switch {
	case req.Params.ID == "missing" && as == semantics.PutDocAsText:
		return &semantics.PutDocNotFound{ContentType: "text/plain", BodyText: "no document " + title}, nil
	case req.Params.ID == "missing":
		return &semantics.PutDocNotFound{Body: semantics.Problem{Message: "no document " + title}}, nil
	case req.Params.ID == "bad":
		return &semantics.PutDocOK{ContentType: "text/html", BodyYaml: []byte("<p>")}, nil
	case as == semantics.PutDocAsYaml:
		return &semantics.PutDocOK{ContentType: "application/yaml", BodyYaml: []byte("title: " + title + "\n")}, nil
	}
	via := req.ContentType
	return &semantics.PutDocOK{Body: semantics.Doc{Title: title, Via: &via}}, nil
}

// TestRequestMediaTypes: each documented request media type has its
// client method, travels with its Content-Type and is decoded by the
// server with its own decoder into the request's field for it.
func TestRequestMediaTypes(t *testing.T) {
	h, c, _ := start(t)
	ctx := context.Background()
	p := semantics.PutDocParams{ID: "d1"}
	calls := []struct {
		media string
		call  func() (*semantics.PutDocOK, error)
	}{
		{"application/json", func() (*semantics.PutDocOK, error) { return c.PutDoc(ctx, p, semantics.Doc{Title: "json"}) }},
		{"application/merge-patch+json", func() (*semantics.PutDocOK, error) {
			return c.PutDocWithMergePatchJSON(ctx, p, semantics.Doc{Title: "merge"})
		}},
		{"multipart/form-data", func() (*semantics.PutDocOK, error) {
			pages := int64(3)
			return c.PutDocWithMultipart(ctx, p, semantics.PutDocRequestBodyMultipart{Title: "parts", Pages: &pages})
		}},
		{"application/octet-stream", func() (*semantics.PutDocOK, error) { return c.PutDocWithBinary(ctx, p, []byte("bytes")) }},
		{"text/plain", func() (*semantics.PutDocOK, error) { return c.PutDocWithText(ctx, p, "text") }},
	}
	want := []string{"json", "merge", "parts", "bytes", "text"}
	for n, call := range calls {
		res, err := call.call()
		if err != nil {
			t.Fatalf("%s: %v", call.media, err)
		}
		if ok := res; ok == nil || ok.ContentType != "application/json" || ok.Body.Title != want[n] || ok.Body.Via == nil || *ok.Body.Via != call.media {
			t.Errorf("%s: got %#v", call.media, res)
		}
		if h.doc.ContentType != call.media {
			t.Errorf("%s: the server saw ContentType %q", call.media, h.doc.ContentType)
		}
	}
	if pages := h.doc.BodyMultipart.Pages; h.doc.ContentType == "multipart/form-data" && (pages == nil || *pages != 3) {
		t.Errorf("multipart pages: %v", pages)
	}
}

// TestRequestMediaTypesChecked: every JSON or form media type gets the
// strict decode and the checks of its schema; a media type the operation
// does not document is 415.
func TestRequestMediaTypesChecked(t *testing.T) {
	_, c, _ := start(t)
	ctx := context.Background()
	p := semantics.PutDocParams{ID: "d1"}
	var refused *semantics.UnexpectedStatusError
	_, err := c.PutDocWithMergePatchJSON(ctx, p, semantics.Doc{Title: strings.Repeat("x", 21)})
	if !errors.As(err, &refused) || refused.StatusCode != 400 || !strings.Contains(string(refused.Body), "title") {
		t.Errorf("a merge patch over maxLength: %v", err)
	}
	_, err = c.PutDocWithMultipart(ctx, p, semantics.PutDocRequestBodyMultipart{Title: strings.Repeat("x", 21)})
	if !errors.As(err, &refused) || refused.StatusCode != 400 || !strings.Contains(string(refused.Body), "title") {
		t.Errorf("a multipart title over maxLength: %v", err)
	}
	srv := httptest.NewServer(semantics.NewHandler(&impl{}))
	defer srv.Close()
	for body, ct := range map[string]string{
		`{"title":"a","title":"b"}`: "application/merge-patch+json",
		`{"Title":"a"}`:             "application/merge-patch+json",
		`<doc/>`:                    "application/xml",
	} {
		req, _ := http.NewRequest("PUT", srv.URL+"/docs/d1", strings.NewReader(body))
		req.Header.Set("Content-Type", ct)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		msg, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		want := 400
		if ct == "application/xml" {
			want = 415
		}
		if resp.StatusCode != want {
			t.Errorf("%s %s: %d %s, want %d", ct, body, resp.StatusCode, msg, want)
		}
	}
}

// TestResponseMediaTypes: the client decodes a response by the media type
// it says it is, into the response's field for it, and records which; the
// server writes the one the implementation chose, and refuses (500) one
// the operation does not document.
func TestResponseMediaTypes(t *testing.T) {
	_, c, _ := start(t)
	ctx := context.Background()
	yaml := semantics.PutDocAsYaml
	res, err := c.PutDoc(ctx, semantics.PutDocParams{ID: "d1", As: &yaml}, semantics.Doc{Title: "y"})
	if err != nil {
		t.Fatal(err)
	}
	if ok := res; ok == nil || ok.ContentType != "application/yaml" || string(ok.BodyYaml) != "title: y\n" || ok.Body.Title != "" {
		t.Errorf("yaml: %#v", res)
	}
	_, err = c.PutDoc(ctx, semantics.PutDocParams{ID: "missing"}, semantics.Doc{Title: "m"})
	var nf *semantics.PutDocNotFound
	if !errors.As(err, &nf) || nf.ContentType != "application/problem+json" || nf.Body.Message != "no document m" {
		t.Errorf("problem+json 404: %v", err)
	}
	text := semantics.PutDocAsText
	_, err = c.PutDoc(ctx, semantics.PutDocParams{ID: "missing", As: &text}, semantics.Doc{Title: "m"})
	if !errors.As(err, &nf) || nf.ContentType != "text/plain" || nf.BodyText != "no document m" || nf.Body.Message != "" {
		t.Errorf("text 404: %v", err)
	}
	// The handler sees the request's Accept.
	srv := httptest.NewServer(semantics.NewHandler(&impl{}))
	defer srv.Close()
	raw, _ := http.NewRequest("PUT", srv.URL+"/docs/d1", strings.NewReader(`{"title":"a"}`))
	raw.Header.Set("Content-Type", "application/json")
	raw.Header.Set("Accept", "application/yaml")
	resp, err := http.DefaultClient.Do(raw)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.Header.Get("Content-Type") != "application/yaml" || string(body) != "title: a\n" {
		t.Errorf("Accept: application/yaml got %s %q", resp.Header.Get("Content-Type"), body)
	}
	_, err = c.PutDoc(ctx, semantics.PutDocParams{ID: "bad"}, semantics.Doc{Title: "b"})
	var unexpected *semantics.UnexpectedStatusError
	if !errors.As(err, &unexpected) || unexpected.StatusCode != 500 {
		t.Errorf("an undocumented ContentType from the implementation: %v, want a 500", err)
	}
}

// TestResponseMediaTypeUndocumented: a success response in a media type
// the operation does not document is an error naming it, not bytes
// decoded as something else; Accept lists JSON first.
func TestResponseMediaTypeUndocumented(t *testing.T) {
	var accept string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		accept = r.Header.Get("Accept")
		w.Header().Set("Content-Type", "video/mp4")
		io.WriteString(w, "\x00\x00\x00\x18ftypmp42")
	}))
	defer srv.Close()
	c, _ := semantics.NewClient(srv.URL)
	_, err := c.PutDoc(context.Background(), semantics.PutDocParams{ID: "d1"}, semantics.Doc{Title: "t"})
	if err == nil || !strings.Contains(err.Error(), "video/mp4") {
		t.Errorf("video/mp4 for a JSON or YAML response: %v", err)
	}
	if accept != "application/json, application/problem+json, application/yaml, text/plain" {
		t.Errorf("Accept: %q", accept)
	}
}
