package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"payesh/internal/demo"
)

// cmdDemo loads the demo data. Unlike serve --demo it loads into a database
// that already holds other data too: running it is the explicit request.
func cmdDemo(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("demo")
	dsn := e.dbFlag(fs)
	training := fs.Bool("training", false, "also load the training set: made-up monthly values of the provinces and a round in progress, "+
		"kept apart from the facts and marked «آموزشی» wherever they show")
	if err := parse(fs, args); err != nil {
		return err
	}
	db, err := openStore(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	sum, err := demo.Load(asSystem(ctx), demoServices(db))
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, sum)
	if *training {
		ts, err := demo.LoadTraining(asSystem(ctx), demoServices(db), time.Now())
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, ts)
	}
	printLogins(e.stdout, sum.Logins)
	return nil
}

// printLogins shows the demo logins as a table people can copy from.
func printLogins(w io.Writer, logins []demo.Login) {
	fmt.Fprintln(w, "Demo logins (all share one password):")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  USERNAME\tPASSWORD\tROLE\tUNIT")
	for _, l := range logins {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", l.Username, l.Password, l.Role, l.UnitCode)
	}
	tw.Flush()
}
