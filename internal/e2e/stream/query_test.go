package stream_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/oasgen/oasgen/internal/e2e/stream"
)

// TestOptionalBooleanQuery: an optional boolean query parameter (read by
// the static queryBool) may be absent or a boolean; empty, not a boolean
// or given twice, it is a 400 naming it.
func TestOptionalBooleanQuery(t *testing.T) {
	srv := httptest.NewServer(stream.NewHandler(&store{files: map[string][2]int64{}}))
	defer srv.Close()
	for _, tc := range []struct {
		query  string
		status int
		want   string
	}{
		{"", 200, `data: {"n":0`},
		{"&fail=false", 200, `data: {"n":0`},
		{"&fail=", 400, `query parameter \"fail\": is empty`},
		{"&fail=maybe", 400, `query parameter \"fail\": \"maybe\" is not true or false`},
		{"&fail=true&fail=false", 400, `query parameter \"fail\": is given more than once`},
	} {
		resp, err := http.Get(srv.URL + "/ticks?count=1" + tc.query)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.status || !strings.Contains(string(data), tc.want) {
			t.Errorf("%q: %d %s, want %d with %s", tc.query, resp.StatusCode, data, tc.status, tc.want)
		}
	}
}
