package sdk_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/oasgen/oasgen/internal/e2e/sdk"
)

// TestOptionalIntegerQuery: an optional int64 query parameter (read by the
// static queryInt64) may be absent or a number; empty, not a number or
// given twice, it is a 400 naming it (the error shape of this spec).
func TestOptionalIntegerQuery(t *testing.T) {
	srv := httptest.NewServer(sdk.NewHandler(&impl{}))
	defer srv.Close()
	for _, tc := range []struct {
		query  string
		status int
		want   string // in the items of a 200, in the error of a 400
	}{
		{"", 200, "[0,1,2]"},
		{"?offset=5", 200, "[5,6]"},
		{"?offset=", 400, `query parameter "offset": is empty`},
		{"?offset=five", 400, `query parameter "offset": "five" is not a valid integer`},
		{"?offset=1&offset=2", 400, `query parameter "offset": is given more than once`},
	} {
		resp, err := http.Get(srv.URL + "/offsets" + tc.query)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var body struct {
			Items   json.RawMessage `json:"items"`
			Message string          `json:"message"`
		}
		if err := json.Unmarshal(data, &body); err != nil {
			t.Fatalf("%q: %v: %s", tc.query, err, data)
		}
		got := body.Message
		if tc.status == 200 {
			got = string(body.Items)
		}
		if resp.StatusCode != tc.status || !strings.Contains(got, tc.want) {
			t.Errorf("%q: %d %s, want %d with %s", tc.query, resp.StatusCode, data, tc.status, tc.want)
		}
	}
}
