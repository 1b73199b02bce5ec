package web

import (
	"sort"
	"strings"
	"testing"
)

func TestWorkPathLess(t *testing.T) {
	paths := []string{"/1/10/", "/2/", "/1/", "/1/2/5/", "/1/2/", "/10/", "/1/10/3/"}
	sort.Slice(paths, func(i, j int) bool { return workPathLess(paths[i], paths[j]) })
	want := "/1/ /1/2/ /1/2/5/ /1/10/ /1/10/3/ /2/ /10/"
	if got := strings.Join(paths, " "); got != want {
		t.Errorf("tree order %s, want %s", got, want)
	}
	for path, depth := range map[string]int{"/7/": 0, "/7/9/": 1, "/1/2/3/": 2, "": 0} {
		if got := workDepth(path); got != depth {
			t.Errorf("workDepth(%q) = %d, want %d", path, got, depth)
		}
	}
}
