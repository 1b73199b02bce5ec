package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"payesh"
	"payesh/internal/i18n"
)

// Exit codes: 2 for a wrong command line, as flag and most tools do, so a
// script can tell "you called me wrong" from "it failed".
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// exitCode reports err on w and returns the process exit code.
func exitCode(err error, w io.Writer) int {
	var ue usageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		if !ue.reported {
			fmt.Fprintln(w, "payesh:", ue.msg)
		}
		return exitUsage
	default:
		fmt.Fprintln(w, "payesh:", describe(err))
		return exitError
	}
}

// describe renders err for an operator: a domain error's message keys are
// translated to English, field by field, instead of showing "err.…" keys.
func describe(err error) string {
	var pe *payesh.Error
	if !errors.As(err, &pe) {
		return err.Error()
	}
	var b strings.Builder
	if prefix, _, ok := strings.Cut(err.Error(), "payesh: "); ok && prefix != "" {
		b.WriteString(prefix) // the context commands added, e.g. "user add: "
	}
	b.WriteString(i18n.T(i18n.EN, pe.Message))
	for _, field := range slices.Sorted(maps.Keys(pe.Fields)) {
		if key := pe.Fields[field]; key != pe.Message { // said already
			fmt.Fprintf(&b, " %s: %s", field, i18n.T(i18n.EN, key))
		}
	}
	return b.String()
}
