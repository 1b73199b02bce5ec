// Command failover is the driver of scripts/failover.sh, which sets up
// the PostgreSQL primary and standby it needs and gives it the command
// that fails the primary over; see internal/failover.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"payesh/internal/failover"
)

func main() {
	var cfg failover.Config
	addrs := flag.String("addrs", "127.0.0.1:18091,127.0.0.1:18092", "where the two (or more) instances listen, comma-separated")
	flag.StringVar(&cfg.Bin, "bin", "./bin/payesh", "the payesh binary")
	flag.StringVar(&cfg.DSN, "db", "", "connection string naming the primary and the standby, with target_session_attrs=read-write")
	flag.IntVar(&cfg.Clients, "clients", 4, "concurrent writers, spread over the instances")
	flag.DurationVar(&cfg.Duration, "duration", 24*time.Second, "how long the write load runs")
	flag.DurationVar(&cfg.FailoverAfter, "failover-after", 8*time.Second, "when, from the load's start, to fail over")
	flag.StringVar(&cfg.FailoverCmd, "failover-cmd", "", "the command (sh -c) that stops the primary and promotes the standby")
	flag.DurationVar(&cfg.DigestEvery, "digest-every", 2*time.Second, "the instances' --digest-every")
	flag.StringVar(&cfg.LogDir, "logs", "", "folder for the instances' logs and the ledger (default: a new temporary one)")
	flag.Parse()
	cfg.Addrs = strings.Split(*addrs, ",")
	if cfg.DSN == "" || cfg.FailoverCmd == "" {
		fmt.Fprintln(os.Stderr, "failover: --db and --failover-cmd are required")
		os.Exit(2)
	}
	temp := cfg.LogDir == ""
	if temp {
		dir, err := os.MkdirTemp("", "payesh-failover-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		cfg.LogDir = dir
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := failover.Run(ctx, cfg, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	// The logs and the ledger are for a failed run; a passing one's
	// temporary folder goes.
	if temp {
		os.RemoveAll(cfg.LogDir)
	}
	fmt.Println("no acknowledged write lost; session and token survived; digest and reminder emails exactly once; both instances recovered without a restart")
}
