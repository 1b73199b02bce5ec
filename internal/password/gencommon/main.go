// Command gencommon writes internal/password/common.txt, the list of common
// passwords the password policy refuses. The list is built from the
// patterns people fall back on when told to pick a long password, not
// downloaded: keyboard rows and columns, digit runs, well-known passwords,
// and common words — English, Persian names and places written in Latin
// letters, Persian words, and this system's own name — with the digits and
// years (Gregorian and Jalali) people add to reach a length rule.
//
// Run it with go generate ./internal/password/ after changing a pattern;
// TestCommonListIsGenerated fails while the committed file is stale.
package main

import (
	"flag"
	"fmt"
	"os"

	"payesh/internal/password"
)

func main() {
	out := flag.String("o", "common.txt", "file to write")
	flag.Parse()
	if err := os.WriteFile(*out, []byte(password.GenerateCommon()), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gencommon:", err)
		os.Exit(1)
	}
}
