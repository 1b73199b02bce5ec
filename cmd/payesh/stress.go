package main

import (
	"context"
	"fmt"
	"strings"

	"payesh/internal/stress"
)

// cmdStress drives running instances with concurrent API clients and
// checks that the numbers stay exact (internal/stress). It writes a small
// fixture of its own into their database, so point it at a test or
// staging deployment, not at production.
func cmdStress(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("stress")
	urls := e.stringFlag(fs, "url", "PAYESH_STRESS_URL", "", "base URL of a running Payesh; several, comma-separated, share one database")
	token := e.stringFlag(fs, "token", "PAYESH_TOKEN", "", "API token of an admin or the secretariat (payesh token create)")
	clients := fs.Int("clients", 8, "concurrent clients")
	rounds := fs.Int("rounds", 6, "rounds; the numbers are checked after each")
	provinces := fs.Int("provinces", 4, "provinces in the fixture, each with one branch")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := required(need("url", urls), need("token", token)); err != nil {
		return err
	}
	if *clients < 1 || *clients > 64 || *rounds < 1 || *rounds > 1000 || *provinces < 1 || *provinces > 31 {
		return usageErrorf("--clients must be 1–64, --rounds 1–1000, --provinces 1–31")
	}
	cfg := stress.Config{Token: *token, Clients: *clients, Rounds: *rounds, Provinces: *provinces}
	for u := range strings.SplitSeq(*urls, ",") {
		if u = strings.TrimSpace(u); u != "" {
			cfg.URLs = append(cfg.URLs, u)
		}
	}
	r, err := stress.Run(ctx, cfg, e.stdout)
	if r != nil {
		r.Print(e.stdout)
	}
	if err != nil {
		return fmt.Errorf("stress: %w", err)
	}
	fmt.Fprintln(e.stdout, "every parent equals its children's weighted mean and every roll-up its raw values; no server error")
	return nil
}
