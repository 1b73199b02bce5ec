package web

import (
	"fmt"
	"io/fs"
	"strings"
)

// vendorFiles are the npm packages' files the pages load; `make assets`
// copies them into static/vendor, which git does not hold.
var vendorFiles = []string{
	"htmx.min.js", "chart.min.js", "jalalidatepicker.min.js", "jalalidatepicker.min.css",
	"fonts/Vazirmatn-Variable.woff2", "icons/house.svg",
}

// checkAssets refuses to build the UI without its front-end packages: a
// binary or a test run from a fresh clone without `make assets` would
// otherwise serve pages without scripts, font or icons, and fail far from
// the cause.
func checkAssets() error {
	var missing []string
	for _, f := range vendorFiles {
		if _, err := fs.Stat(staticFS, "static/vendor/"+f); err != nil {
			missing = append(missing, f)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	return fmt.Errorf("web: the front-end packages are missing from internal/web/static/vendor (%s): run `make assets` — it installs the npm packages pinned in package-lock.json and copies them there — then build or test again",
		strings.Join(missing, ", "))
}
