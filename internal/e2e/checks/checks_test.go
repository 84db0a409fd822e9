package checks_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/oasgen/oasgen/internal/e2e/checks"
)

type impl struct{ calls atomic.Int64 }

func (i *impl) Check(context.Context, *checks.CheckRequest) (checks.CheckResponse, error) {
	i.calls.Add(1)
	return &checks.CheckNoContent{}, nil
}

// valid is a body that meets every constraint; each case below breaks one.
const valid = `{"count":3,"ratio":0.5,"step":1.5,"even":4,"code":"AB","email":"a@b.example","site":"https://x.example/y",` +
	`"ip":"192.0.2.1","day":"2026-11-27","level":2,"color":"red","tags":["a","b"],"points":[{"x":1,"y":2},{"x":1,"y":3}],` +
	`"grid":[[0,1],[2]],"labels":{"k":"v"},"note":null,"price":12.50,"extra":4,"strict":{"a":"x"},"choice":{"x":0,"y":0}}`

// with returns valid with one property replaced (or added).
func with(t *testing.T, key, value string) string {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(valid), &m); err != nil {
		t.Fatal(err)
	}
	m[key] = json.RawMessage(value)
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// without is the valid body without key.
func without(t *testing.T, key string) string {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(valid), &m); err != nil {
		t.Fatal(err)
	}
	delete(m, key)
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestEveryCheck sends a body and parameters that break one constraint
// each, over HTTP: each is a 400 naming the field and the rule, and none
// reaches the implementation; the valid request does.
func TestEveryCheck(t *testing.T) {
	h := &impl{}
	srv := httptest.NewServer(checks.NewHandler(h))
	defer srv.Close()
	for _, tc := range []struct {
		name, query, header, body string
		want                      int
		mention                   string
	}{
		{"valid", "n=-5&tag=ab", "123e4567-e89b-12d3-a456-426614174000", valid, 204, ""},
		{"valid with extra not a number", "", "", with(t, "extra", `"text"`), 204, ""},
		{"valid decimal as a number", "", "", with(t, "price", `0`), 204, ""},
		{"query below minimum", "n=-6", "", valid, 400, `query parameter "n": must be at least -5`},
		{"query at exclusive maximum", "n=10", "", valid, 400, `query parameter "n": must be less than 10`},
		{"query pattern", "tag=ABC", "", valid, 400, `query parameter "tag": must match ^[a-z]{2,4}$`},
		{"header format", "", "not-a-uuid", valid, 400, `header parameter "X-Request-Id": must be a valid uuid`},
		{"minimum", "", "", with(t, "count", `-1`), 400, `body field "count": must be at least 0`},
		{"int32 range", "", "", with(t, "count", `3000000000`), 400, `body field "count": must be an integer in range`},
		// OpenAPI 3.0: an integer is written as one (3.1 reads 2.0 as 2).
		{"integer with a fraction (3.0)", "", "", with(t, "count", `2.0`), 400, `body field "count": must be an integer`},
		{"integer with an exponent (3.0)", "", "", with(t, "count", `1e0`), 400, `body field "count": must be an integer`},
		{"exclusive minimum", "", "", with(t, "ratio", `0`), 400, `body field "ratio": must be more than 0`},
		{"maximum", "", "", with(t, "ratio", `1.5`), 400, `body field "ratio": must be at most 1`},
		{"multipleOf float", "", "", with(t, "step", `1.2`), 400, `body field "step": must be a multiple of 0.5`},
		{"multipleOf integer", "", "", with(t, "even", `3`), 400, `body field "even": must be a multiple of 2`},
		{"minLength", "", "", with(t, "code", `"A"`), 400, `body field "code": must be at least 2 characters long`},
		{"maxLength in runes", "", "", with(t, "code", `"ÄÖÜÉÈ"`), 400, `body field "code": must be at most 4 characters long`},
		{"pattern", "", "", with(t, "code", `"ab"`), 400, `body field "code": must match ^[A-Z]+$`},
		{"email", "", "", with(t, "email", `"Bob <b@x.example>"`), 400, `body field "email": must be a valid email`},
		{"uri", "", "", with(t, "site", `"no scheme"`), 400, `body field "site": must be a valid uri`},
		{"ipv4", "", "", with(t, "ip", `"::1"`), 400, `body field "ip": must be a valid ipv4`},
		{"date", "", "", with(t, "day", `"2026-13-01"`), 400, `body field "day": must be a valid date`},
		{"integer enum", "", "", with(t, "level", `4`), 400, `body field "level": must be one of 1, 2, 3`},
		{"string enum", "", "", with(t, "color", `"blue"`), 400, `body field "color": must be one of "red", "green"`},
		{"minItems", "", "", with(t, "tags", `[]`), 400, `body field "tags": must have at least 1 item`},
		{"minItems of an absent list", "", "", without(t, "tags"), 204, ""},
		{"minProperties", "", "", with(t, "labels", `{}`), 400, `body field "labels": must have at least 1 property`},
		{"minProperties of an absent map", "", "", without(t, "labels"), 204, ""},
		{"maxItems", "", "", with(t, "tags", `["a","b","c","d"]`), 400, `body field "tags": must have at most 3 items`},
		{"item maxLength", "", "", with(t, "tags", `["a","long"]`), 400, `body field "tags[1]": must be at most 3 characters long`},
		{"uniqueItems strings", "", "", with(t, "tags", `["a","a"]`), 400, `body field "tags": must not repeat items`},
		{"uniqueItems objects", "", "", with(t, "points", `[{"x":1,"y":2},{"y":2,"x":1}]`), 400, `body field "points": must not repeat items`},
		{"nested object", "", "", with(t, "points", `[{"x":1,"y":2},{"x":-1,"y":2}]`), 400, `body field "points[1].x": must be at least 0`},
		{"nested required", "", "", with(t, "points", `[{"x":1}]`), 400, `body field "points[0].y": is required`},
		{"array of arrays", "", "", with(t, "grid", `[[0],[1,-2]]`), 400, `body field "grid[1][1]": must be at least 0`},
		{"maxProperties", "", "", with(t, "labels", `{"a":"1","b":"2","c":"3"}`), 400, `body field "labels": must have at most 2 properties`},
		{"map value", "", "", with(t, "labels", `{"a":""}`), 400, `body field "labels.a": must be at least 1 character long`},
		{"nullable maxLength", "", "", with(t, "note", `"toolong"`), 400, `body field "note": must be at most 5 characters long`},
		{"decimal minimum", "", "", with(t, "price", `-0.01`), 400, `body field "price": must be at least 0`},
		{"decimal as a string where the schema says number", "", "", with(t, "price", `"1"`), 400, `body field "price": must be a number`},
		{"case variant inside a union", "", "", with(t, "choice", `{"x":0,"y":0,"X":-1}`), 400, `body field "choice.X": is not a property`},
		{"a name one alternative spells so", "", "", with(t, "spelled", `{"name":"x"}`), 204, ""},
		{"a name the other alternative spells so", "", "", with(t, "spelled", `{"Name":1}`), 204, ""},
		{"a name no alternative spells so", "", "", with(t, "spelled", `{"NAME":"x"}`), 400, `body field "spelled.NAME": is not a property`},
		{"a name an alternative of an alternative spells so", "", "", with(t, "nested", `{"Name":1}`), 204, ""},
		{"a name the outer alternative spells so", "", "", with(t, "nested", `{"kind":"k","name":"x"}`), 204, ""},
		{"a name no alternative of any depth spells so", "", "", with(t, "nested", `{"NAME":1}`), 400, `body field "nested.NAME": is not a property`},
		{"a name an alternative beside properties spells so", "", "", with(t, "mixed", `{"name":"a","Name":1}`), 204, ""},
		{"a name an alternative beside properties spells otherwise", "", "", with(t, "mixed", `{"Kind":"x"}`), 400, `body field "mixed.Kind": is not a property; property names are case-sensitive: did you mean "kind"?`},
		{"any value minimum", "", "", with(t, "extra", `2`), 400, `body field "extra": must be at least 3`},
		{"additionalProperties false", "", "", with(t, "strict", `{"a":"x","b":"y"}`), 400, `body field "strict.b": is not a known property`},
		{"minProperties", "", "", with(t, "strict", `{}`), 400, `body field "strict": must have at least 1 property`},
		{"a union value no alternative fits", "", "", with(t, "spelled", `{"other":1}`), 400, `body field "spelled": the JSON value fits none of the alternatives (SpelledVariant1, SpelledVariant2)`},
		{"a union value of a kind no alternative has", "", "", with(t, "choice", `true`), 400, `body field "choice"`},
		{"union alternative", "", "", with(t, "choice", `"abc"`), 400, `body field "choice": must be at most 2 characters long`},
		{"union object alternative", "", "", with(t, "choice", `{"x":-1,"y":0}`), 400, `body field "choice.x": must be at least 0`},
		{"kind", "", "", with(t, "tags", `"a"`), 400, `body field "tags": must be an array`},
		{"null not allowed", "", "", with(t, "ratio", `null`), 400, `body field "ratio": must not be null`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := h.calls.Load()
			req, _ := http.NewRequest("POST", srv.URL+"/check?"+tc.query, strings.NewReader(tc.body))
			req.Header.Set("Content-Type", "application/json")
			if tc.header != "" {
				req.Header.Set("X-Request-Id", tc.header)
			}
			resp, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var problem checks.Problem
			json.NewDecoder(resp.Body).Decode(&problem)
			if resp.StatusCode != tc.want || !strings.Contains(problem.Message, tc.mention) {
				t.Errorf("%d %q, want %d mentioning %q", resp.StatusCode, problem.Message, tc.want, tc.mention)
			}
			if reached, want := h.calls.Load()-before, int64(map[bool]int{true: 1}[tc.want < 400]); reached != want {
				t.Errorf("%d calls reached the implementation, want %d", reached, want)
			}
		})
	}
}
