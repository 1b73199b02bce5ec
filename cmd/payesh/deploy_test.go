package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The files an operator installs (README, "Deploy").
const (
	systemdUnit = "../../deploy/systemd/payesh.service"
	systemdEnv  = "../../deploy/systemd/payesh.env"
)

// unitSettings reads a unit's Key=value lines, each key's values in order.
func unitSettings(t *testing.T, path string) map[string][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "[") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			t.Fatalf("%s: %q is not Key=value", path, line)
		}
		out[k] = append(out[k], v)
	}
	return out
}

// TestSystemdUnit: the unit runs serve as a user of its own, with its
// settings from the example environment file's place, may write only its
// data folder, and is hardened; and systemd-analyze verify accepts it
// with no complaint, the binary standing in for /usr/local/bin/payesh.
func TestSystemdUnit(t *testing.T) {
	s := unitSettings(t, systemdUnit)
	for key, want := range map[string]string{
		"User": "payesh", "Group": "payesh", "EnvironmentFile": "/etc/payesh/payesh.env",
		"ExecStart": "/usr/local/bin/payesh serve", "StateDirectory": "payesh", "WorkingDirectory": "/var/lib/payesh",
		"ReadWritePaths": "/var/lib/payesh", "NoNewPrivileges": "yes", "ProtectSystem": "strict",
		"ProtectHome": "yes", "PrivateTmp": "yes", "PrivateDevices": "yes", "CapabilityBoundingSet": "",
		"Restart": "on-failure", "WantedBy": "multi-user.target",
	} {
		if got := s[key]; len(got) != 1 || got[0] != want {
			t.Errorf("%s=%q; want %q", key, got, want)
		}
	}
	// The environment file keeps the data where the unit lets it write.
	env := envFile(t, false)
	for _, key := range []string{"PAYESH_DB", "PAYESH_BACKUP_DIR"} {
		if !strings.HasPrefix(env[key], "/var/lib/payesh/") {
			t.Errorf("payesh.env: %s=%q is outside /var/lib/payesh, which is all the unit may write", key, env[key])
		}
	}

	bin, err := exec.LookPath("systemd-analyze")
	if err != nil {
		// Not in .ci/run's installs: Debian's systemd brings it, and a
		// machine without systemd has nothing to verify the unit for.
		t.Skip("systemd-analyze is not installed (Debian's systemd package); the unit's settings were checked, not verified by systemd")
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	unit, err := os.ReadFile(systemdUnit)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "payesh.service")
	body := strings.ReplaceAll(string(unit), "/usr/local/bin/payesh", self)
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "verify", path).CombinedOutput()
	// verify exits 0 on an unknown key or a bad value, and only says so:
	// any line about the unit is a failure.
	var complaints []string
	for line := range strings.Lines(string(out)) {
		if strings.Contains(line, "payesh.service") {
			complaints = append(complaints, strings.TrimSpace(line))
		}
	}
	if err != nil || len(complaints) > 0 {
		t.Errorf("systemd-analyze verify: %v\n%s", err, strings.Join(complaints, "\n"))
	}
}

// envFile reads the example environment file's settings, and with
// commented the ones shown commented out (#PAYESH_X=…) too.
func envFile(t *testing.T, commented bool) map[string]string {
	t.Helper()
	b, err := os.ReadFile(systemdEnv)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for line := range strings.Lines(string(b)) {
		line = strings.TrimSpace(line)
		if m := envLine.FindStringSubmatch(line); m != nil && (commented || !strings.HasPrefix(line, "#")) {
			out[m[1]] = m[2]
		}
	}
	return out
}

var envLine = regexp.MustCompile(`^#?(PAYESH_[A-Z_]+)=(.*)$`)

// TestSystemdEnvFile: every variable the example sets, or shows
// commented, is one Payesh reads; and serve starts with the settings the
// file sets — the folders moved into the test's own — and makes its
// first backup.
func TestSystemdEnvFile(t *testing.T) {
	all := envFile(t, true)
	if len(all) < 10 {
		t.Fatalf("payesh.env: only %d settings", len(all))
	}
	var src strings.Builder
	for _, glob := range []string{"*.go", "../../internal/pdf/*.go"} {
		files, _ := filepath.Glob(glob)
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			src.Write(b)
		}
	}
	for key := range all {
		if !strings.Contains(src.String(), `"`+key+`"`) {
			t.Errorf("payesh.env names %s, which Payesh does not read", key)
		}
	}

	c := newCLI(t)
	for k, v := range envFile(t, false) {
		c.env[k] = v
	}
	dir := t.TempDir()
	c.env["PAYESH_DB"] = filepath.Join(dir, "payesh.db")
	c.env["PAYESH_BACKUP_DIR"] = filepath.Join(dir, "backups")
	c.env["PAYESH_ADDR"] = "127.0.0.1:0"
	_, log := serveWith(t, c)
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(log.String(), "backup written") {
		if time.Now().After(deadline) {
			t.Fatalf("serve with payesh.env's settings made no backup:\n%s", log.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}
