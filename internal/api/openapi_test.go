package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"
)

type openAPIDoc struct {
	OpenAPI    string                                `json:"openapi"`
	Paths      map[string]map[string]json.RawMessage `json:"paths"`
	Components struct {
		Schemas    map[string]json.RawMessage `json:"schemas"`
		Parameters map[string]json.RawMessage `json:"parameters"`
		Responses  map[string]json.RawMessage `json:"responses"`
	} `json:"components"`
}

func loadSpec(t *testing.T) openAPIDoc {
	t.Helper()
	var doc openAPIDoc
	if err := json.Unmarshal(openAPISpec, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Errorf("openapi %q", doc.OpenAPI)
	}
	return doc
}

// TestOpenAPIMatchesRoutes keeps the spec honest: every route the mux
// serves is described, and every described operation is served.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	doc := loadSpec(t)
	var spec, served []string
	for path, ops := range doc.Paths {
		for method := range ops {
			if method == "parameters" {
				continue
			}
			spec = append(spec, strings.ToUpper(method)+" "+path)
		}
	}
	for _, rt := range routeTable {
		served = append(served, rt.method+" "+rt.path)
	}
	slices.Sort(spec)
	slices.Sort(served)
	for _, s := range served {
		if !slices.Contains(spec, s) {
			t.Errorf("served but not in openapi.json: %s", s)
		}
	}
	for _, s := range spec {
		if !slices.Contains(served, s) {
			t.Errorf("in openapi.json but not served: %s", s)
		}
	}
	// And the mux really registers the table: each route resolves to its
	// own pattern, not to the catch-all.
	mux := (&server{}).routes()
	for _, rt := range routeTable {
		url := strings.NewReplacer("{id}", "1", "{clause_id}", "2").Replace(rt.path)
		_, pattern := mux.Handler(httptest.NewRequest(rt.method, url, nil))
		if pattern != rt.method+" "+rt.path {
			t.Errorf("%s %s resolves to %q", rt.method, url, pattern)
		}
	}
}

// TestOpenAPIConsistent checks what a client generator would trip on:
// dangling $refs, path parameters without a declaration, public routes
// demanding credentials, duplicate operation ids.
func TestOpenAPIConsistent(t *testing.T) {
	doc := loadSpec(t)
	refs := regexp.MustCompile(`"\$ref":\s*"#/components/(schemas|parameters|responses)/([^"]+)"`)
	for _, m := range refs.FindAllStringSubmatch(string(openAPISpec), -1) {
		var ok bool
		switch m[1] {
		case "schemas":
			_, ok = doc.Components.Schemas[m[2]]
		case "parameters":
			_, ok = doc.Components.Parameters[m[2]]
		case "responses":
			_, ok = doc.Components.Responses[m[2]]
		}
		if !ok {
			t.Errorf("dangling $ref %s/%s", m[1], m[2])
		}
	}
	public := map[string]bool{}
	for _, rt := range routeTable {
		public[rt.method+" "+rt.path] = rt.public
	}
	opIDs := map[string]bool{}
	pathParam := regexp.MustCompile(`\{([a-z_]+)\}`)
	for path, ops := range doc.Paths {
		for method, raw := range ops {
			var op struct {
				OperationID string            `json:"operationId"`
				Security    *[]map[string]any `json:"security"`
				Parameters  []json.RawMessage `json:"parameters"`
				Responses   map[string]any    `json:"responses"`
			}
			if err := json.Unmarshal(raw, &op); err != nil {
				t.Fatalf("%s %s: %v", method, path, err)
			}
			key := strings.ToUpper(method) + " " + path
			if op.OperationID == "" || opIDs[op.OperationID] {
				t.Errorf("%s: operationId %q missing or repeated", key, op.OperationID)
			}
			opIDs[op.OperationID] = true
			if isPublic := op.Security != nil && len(*op.Security) == 0; isPublic != public[key] {
				t.Errorf("%s: spec public=%v, route public=%v", key, isPublic, public[key])
			}
			if len(op.Responses) == 0 {
				t.Errorf("%s: no responses", key)
			}
			params := string(mustJSON(op.Parameters))
			for _, m := range pathParam.FindAllStringSubmatch(path, -1) {
				if !strings.Contains(params, `"`+m[1]+`"`) && !strings.Contains(params, `/parameters/`+m[1]+`"`) {
					t.Errorf("%s: path parameter %s not declared", key, m[1])
				}
			}
		}
	}
}

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

func TestOpenAPIServed(t *testing.T) {
	srv := httptest.NewServer(New(Services{}))
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/api/v1/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var doc map[string]any
	if resp.StatusCode != http.StatusOK || json.NewDecoder(resp.Body).Decode(&doc) != nil || doc["openapi"] != "3.1.0" {
		t.Errorf("GET openapi.json: %d", resp.StatusCode)
	}
}
