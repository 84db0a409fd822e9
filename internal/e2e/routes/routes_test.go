package routes_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/oasgen/oasgen/internal/e2e/routes"
)

type impl struct{ got []string }

func (i *impl) TrashFile(_ context.Context, req *routes.TrashFileRequest) (routes.TrashFileResponse, error) {
	i.got = append(i.got, "trash "+req.Params.FileID)
	return &routes.TrashFileNoContent{}, nil
}

func (i *impl) DeleteSession(_ context.Context, req *routes.DeleteSessionRequest) (routes.DeleteSessionResponse, error) {
	i.got = append(i.got, "session "+req.Params.SessionID)
	return &routes.DeleteSessionNoContent{}, nil
}

func (i *impl) GetSpec(_ context.Context, req *routes.GetSpecRequest) (routes.GetSpecResponse, error) {
	i.got = append(i.got, "spec "+req.Params.Name)
	return &routes.GetSpecOK{Body: routes.GetSpecOKBody{Name: &req.Params.Name}}, nil
}

func (i *impl) GetReport(_ context.Context, req *routes.GetReportRequest) (routes.GetReportResponse, error) {
	i.got = append(i.got, fmt.Sprintf("report %d %s", req.Params.Year, req.Params.Format))
	return &routes.GetReportOK{Body: "ok"}, nil
}

// TestFallbackRouter drives routes ServeMux refuses (a wildcard inside a
// segment, patterns neither more specific than the other) through the
// generated client and raw requests.
func TestFallbackRouter(t *testing.T) {
	i := &impl{}
	srv := httptest.NewServer(routes.NewHandler(i))
	defer srv.Close()
	c, _ := routes.NewClient(srv.URL, routes.WithHTTPClient(srv.Client()))
	ctx := context.Background()
	for _, call := range []func() error{
		func() error { return c.TrashFile(ctx, routes.TrashFileParams{FileID: "f 1"}) },
		func() error { return c.DeleteSession(ctx, routes.DeleteSessionParams{SessionID: "s1"}) },
		func() error { _, err := c.GetSpec(ctx, routes.GetSpecParams{Name: "pet.store"}); return err },
		func() error {
			_, err := c.GetReport(ctx, routes.GetReportParams{Year: 2026, Format: routes.GetReportFormatCsv})
			return err
		},
	} {
		if err := call(); err != nil {
			t.Error(err)
		}
	}
	want := []string{"trash f 1", "session s1", "spec pet.store", "report 2026 csv"}
	if fmt.Sprint(i.got) != fmt.Sprint(want) {
		t.Errorf("routed %q, want %q", i.got, want)
	}
	for _, tc := range []struct {
		method, path string
		want         int
		allow        string
	}{
		{"GET", "/files/f1/trash", 405, "DELETE"},
		{"POST", "/specs/x.json", 405, "GET, HEAD"},
		{"GET", "/specs/x.yaml", 404, ""},
		{"GET", "/reports/20x6/summary.csv", 400, ""},
		{"GET", "/reports/2026/summary.doc", 400, ""},
		{"HEAD", "/specs/x.json", 200, ""},
	} {
		req, _ := http.NewRequest(tc.method, srv.URL+tc.path, nil)
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.want || resp.Header.Get("Allow") != tc.allow {
			t.Errorf("%s %s: %d Allow %q, want %d Allow %q", tc.method, tc.path, resp.StatusCode, resp.Header.Get("Allow"), tc.want, tc.allow)
		}
	}
}
