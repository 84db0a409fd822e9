package params_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/oasgen/oasgen/internal/e2e/params"
)

// echo answers with the parameters as the generated handler decoded them.
type echo struct {
	got params.EchoParams
}

func (e *echo) Echo(_ context.Context, req *params.EchoRequest) (params.EchoResponse, error) {
	e.got = req.Params
	return &params.EchoOK{Body: params.Echo{"ok": true}}, nil
}

func (e *echo) PostForm(_ context.Context, req *params.PostFormRequest) (params.PostFormResponse, error) {
	return &params.PostFormOK{Body: params.Echo{"count": req.Body.Count, "name": req.Body.Name, "tags": req.Body.Tags}}, nil
}

// TestFormBodyChecks: a form body gets the same typed checks as JSON,
// and a one-value field given twice is refused.
func TestFormBodyChecks(t *testing.T) {
	srv := httptest.NewServer(params.NewHandler(&echo{}))
	defer srv.Close()
	for _, tc := range []struct {
		body    string
		want    int
		mention string
	}{
		{"count=2&name=ab&tags=x&tags=y", 200, `{"count":2,"name":"ab","tags":["x","y"]}`},
		{"count=0", 400, `body field "count": must be at least 1`},
		{"count=1&count=2", 400, `body field "count": is given more than once`},
		{"count=1&name=toolong", 400, `body field "name": must be at most 5 characters long`},
		{"count=1&tags=a&tags=b&tags=c", 400, `body field "tags": must have at most 2 items`},
		{"count=1&tags=a&tags=B", 400, `body field "tags[1]": must match ^[a-z]+$`},
		{"name=ab", 400, `body field "count": is required`},
		{"count=1&x=%zz", 400, `invalid URL escape`},
	} {
		resp, err := srv.Client().Post(srv.URL+"/form", "application/x-www-form-urlencoded", strings.NewReader(tc.body))
		if err != nil {
			t.Fatal(err)
		}
		var raw json.RawMessage
		json.NewDecoder(resp.Body).Decode(&raw)
		resp.Body.Close()
		body := string(raw)
		var e struct{ Error string }
		if json.Unmarshal(raw, &e) == nil && e.Error != "" {
			body = e.Error
		}
		if resp.StatusCode != tc.want || !strings.Contains(body, tc.mention) {
			t.Errorf("POST %q: %d %s, want %d mentioning %s", tc.body, resp.StatusCode, body, tc.want, tc.mention)
		}
	}
}

func TestStylesRoundTrip(t *testing.T) {
	impl := &echo{}
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = append(seen, r.URL.RequestURI(), r.Header.Get("X-Flags"), r.Header.Get("X-Point"))
		params.NewHandler(impl).ServeHTTP(w, r)
	}))
	defer srv.Close()
	c, err := params.NewClient(srv.URL, params.WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	name, minimum, status := "a b,c", 1.5, params.FilterStatusOpen
	when := time.Date(2026, 4, 16, 10, 0, 0, 123000000, time.UTC)
	session := "s1"
	want := params.EchoParams{
		Simple:  []string{"a/b", "c d"},
		Label:   []int64{1, 2},
		Matrix:  "m;x",
		Obj:     params.Point{X: 3, Y: -4},
		Tags:    []string{"x", "y&z"},
		Ids:     []int32{7, 8},
		Pipes:   []string{"p", "q"},
		Filter:  &params.Filter{Name: &name, Min: &minimum, Status: &status},
		Point:   &params.Point{X: 1, Y: 2},
		Labels:  map[string]string{"env": "prod", "team": "core"},
		When:    &when,
		XFlags:  []bool{true, false},
		XPoint:  &params.Point{X: 5, Y: 6},
		Session: &session,
	}
	if _, err := c.Echo(context.Background(), want); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(impl.got, want) {
		t.Errorf("server decoded\n%+v\nwant\n%+v\n(request %q)", impl.got, want, seen)
	}
	wantURI := "/echo/a%2Fb,c%20d/.1.2/;matrix=m%3Bx/x=3,y=-4?filter%5Bmin%5D=1.5&filter%5Bname%5D=a+b%2Cc&filter%5Bstatus%5D=open&ids=7%2C8&labels%5Benv%5D=prod&labels%5Bteam%5D=core&pipes=p%7Cq&point=x%2C1%2Cy%2C2&tags=x&tags=y%26z&when=2026-04-16T10%3A00%3A00.123Z"
	if seen[0] != wantURI || seen[1] != "true,false" || seen[2] != "x,5,y,6" {
		t.Errorf("request:\n%q\nwant\n%q", seen, []string{wantURI, "true,false", "x,5,y,6"})
	}

	// Optional parameters left unset are not sent.
	seen = nil
	if _, err := c.Echo(context.Background(), params.EchoParams{Simple: []string{"s"}, Label: []int64{1}, Matrix: "m", Obj: params.Point{}}); err != nil {
		t.Fatal(err)
	}
	if seen[0] != "/echo/s/.1/;matrix=m/x=0,y=0" || seen[1] != "" || seen[2] != "" {
		t.Errorf("request with only required parameters: %q", seen)
	}
}

func TestMissingRequiredAndBadValues(t *testing.T) {
	srv := httptest.NewServer(params.NewHandler(&echo{}))
	defer srv.Close()
	for _, tc := range []struct{ path, mention string }{
		{"/echo/a/.x/;matrix=m/x=1,y=2", `path parameter "label"`},
		{"/echo/a/.1/;matrix=m/x=1,y=z", `path parameter "obj"`},
		{"/echo/a/.1/;matrix=m/x=1,y=2?ids=1,b", `query parameter "ids"`},
		{"/echo/a/.1/;matrix=m/x=1,y=2?filter[min]=lots", `query parameter "filter"`},
		{"/echo/a/.1/;matrix=m/x=1,y=2?when=yesterday", `query parameter "when"`},
		{"/echo/a/.1/;matrix=m/x=1,y=2?when=2026-01-01T00:00:00Z&when=2027-01-01T00:00:00Z", `query parameter "when": is given more than once`},
		{"/echo/a/.1/;matrix=m/x=1,y=2?ids=1&ids=2", `query parameter "ids": is given more than once`},
		{"/echo/a/.1/;matrix=m/x=1,y=2?tags=a;b", `query: invalid semicolon separator`},
	} {
		resp, err := srv.Client().Get(srv.URL + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		var body map[string]string
		json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body["error"], tc.mention) {
			t.Errorf("GET %s: %d %q, want 400 naming %s", tc.path, resp.StatusCode, body["error"], tc.mention)
		}
	}
}
