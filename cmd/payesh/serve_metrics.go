package main

import (
	"flag"

	"payesh/internal/edge"
	"payesh/internal/metrics"
	"payesh/internal/store"
)

// metricsFlags say who may read /metrics: the networks of --metrics-from
// (loopback by default, where a Prometheus on the same host or an SSH
// tunnel reads it), and anyone with --metrics-token. The token is better
// given in the environment (an EnvironmentFile readable by root only)
// than as a flag, which every user of the host sees in ps.
type metricsFlags struct {
	from, token *string
}

// minMetricsToken is the shortest token accepted: a bearer token is
// guessed online, but should not be guessable.
const minMetricsToken = 16

func (e *env) metricsFlags(fs *flag.FlagSet) *metricsFlags {
	return &metricsFlags{
		from: e.stringFlag(fs, "metrics-from", "PAYESH_METRICS_FROM", "127.0.0.0/8,::1",
			"addresses that may read /metrics without a token, as CIDR[,CIDR…]; 'none' for none (the token only)"),
		token: e.stringFlag(fs, "metrics-token", "PAYESH_METRICS_TOKEN", "",
			"a bearer token that reads /metrics from any address, at least 16 characters; better set in the environment"),
	}
}

// options checks the flags and makes the metrics' options.
func (f *metricsFlags) options(db *store.DB) (metrics.Options, error) {
	from := edge.Proxies{} // none, not nil: nil would be the default
	if *f.from != "none" {
		p, err := edge.ParseNetworks(*f.from, "address")
		if err != nil {
			return metrics.Options{}, usageErrorf("--metrics-from: %v", err)
		}
		if p != nil {
			from = p
		}
	}
	if n := len(*f.token); n > 0 && n < minMetricsToken {
		return metrics.Options{}, usageErrorf("--metrics-token: %d characters; want at least %d", n, minMetricsToken)
	}
	return metrics.Options{DB: db, From: from, Token: *f.token, Version: version, Revision: buildInfo().Revision}, nil
}
