package names

import (
	"go/token"
	"testing"
	"unicode/utf8"
)

func TestExported(t *testing.T) {
	cases := map[string]string{
		"order_id":       "OrderID",
		"x-api-key":      "XAPIKey",
		"idToken":        "IDToken",
		"refreshtoken":   "Refreshtoken",
		"HTTPServer":     "HTTPServer",
		"getOrderById":   "GetOrderByID",
		"btclegacy":      "Btclegacy",
		"next_cursor":    "NextCursor",
		"PENDING":        "Pending",
		"2fa":            "N2fa",
		"":               "Empty",
		"-":              "Empty",
		"api_key":        "APIKey",
		"createdAt":      "CreatedAt",
		"type":           "Type",
		"/v1/order/{id}": "V1OrderID",
		"iPhone":         "IPhone",
		"ledger.assets":  "LedgerAssets",
		"OAuth2Token":    "OAuth2Token",
		"utf8_name":      "UTF8Name",
	}
	for in, want := range cases {
		if got := Exported(in); got != want {
			t.Errorf("Exported(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestUnexported(t *testing.T) {
	cases := map[string]string{
		"id":         "id",
		"OrderID":    "orderID",
		"type":       "typeValue",
		"string":     "stringValue",
		"URL":        "url",
		"HTTPServer": "httpServer",
		"x-api-key":  "xapiKey",
		"func":       "funcValue",
	}
	for in, want := range cases {
		if got := Unexported(in); got != want {
			t.Errorf("Unexported(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRegistry(t *testing.T) {
	r := NewRegistry("Client")
	for _, c := range []struct{ want, got string }{
		{"Client", "Client2"}, {"Order", "Order"}, {"Order", "Order2"}, {"Order", "Order3"}, {"Client", "Client3"},
	} {
		if got := r.Claim(c.want); got != c.got {
			t.Errorf("Claim(%q) = %q, want %q", c.want, got, c.got)
		}
	}
}

// FuzzExported checks that any input gives a valid exported identifier.
func FuzzExported(f *testing.F) {
	for _, s := range []string{"order_id", "", "2fa", "élan", "日本", "a-b", "func", "_"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		got := Exported(s)
		if !token.IsIdentifier(got) || !token.IsExported(got) {
			t.Fatalf("Exported(%q) = %q: not an exported identifier", s, got)
		}
		if u := Unexported(s); !token.IsIdentifier(u) || token.IsExported(u) && u[0] != 'X' {
			if !token.IsIdentifier(u) {
				t.Fatalf("Unexported(%q) = %q: not an identifier", s, u)
			}
		}
	})
}

func TestLabel(t *testing.T) {
	for in, want := range map[string]string{"": "Empty", "+": "Plus", "<=": "LtEq", "a-b": "AB", "-1": "N1", "é": "É"} {
		if got := Label(in); got != want {
			t.Errorf("Label(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBound(t *testing.T) {
	cases := []struct {
		in   string
		max  int
		want string
	}{
		{"RootChild", 20, "RootChild"},
		{"RootChild3Child2Child1Leaf", 20, "RootChild2Child1Leaf"},
		{"OrderItemsItemPrice", 10, "ItemPrice"},
		{"ShortVeryLongWordThatAloneIsOverTheLimit", 10, "TheLimit"},
		{"AVeryLongWordIndeedXyzzy", 3, "AXyzzy"},
		{"Averyveryverylongfirstword", 10, "Averyveryverylongfirstword"},
	}
	for _, c := range cases {
		if got := Bound(c.in, c.max); got != c.want {
			t.Errorf("Bound(%q, %d) = %q, want %q", c.in, c.max, got, c.want)
		}
	}
}
