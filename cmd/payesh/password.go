package main

import (
	"bufio"
	"errors"
	"io"
	"strings"

	"payesh"
)

// readPassword takes a password from the first line of standard input
// (--password-stdin) or from PAYESH_PASSWORD, never from a flag: flags show
// up in shell history and in the process list. It is checked against the
// password policy for the user called username before the database is
// touched.
func readPassword(e *env, fromStdin bool, username string) (string, error) {
	var pw string
	if fromStdin {
		line, err := bufio.NewReader(e.stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", err
		}
		// Only the line ending is cut: spaces may be part of a password.
		pw = strings.TrimRight(line, "\r\n")
		if pw == "" {
			return "", usageErrorf("no password on standard input")
		}
	} else if pw = e.getenv("PAYESH_PASSWORD"); pw == "" {
		return "", usageErrorf("no password: pass --password-stdin and write it on standard input, or set PAYESH_PASSWORD")
	}
	return pw, payesh.ValidatePassword(pw, username)
}
