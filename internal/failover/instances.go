package failover

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"syscall"
	"time"
)

// instance is one `payesh serve` process the run starts and, to show it
// recovered without a restart, keeps running from start to end.
type instance struct {
	url  string
	cmd  *exec.Cmd
	log  *os.File
	done chan error // the process's exit, once
}

// startInstance runs bin serve on addr with the given extra arguments,
// its log in logPath, and waits until /healthz answers.
func startInstance(ctx context.Context, bin, addr, dsn, logPath string, args []string) (*instance, error) {
	log, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, append([]string{"serve", "--addr", addr, "--db", dsn}, args...)...)
	cmd.Stdout, cmd.Stderr = io.Discard, log
	if err := cmd.Start(); err != nil {
		log.Close()
		return nil, err
	}
	in := &instance{url: "http://" + addr, cmd: cmd, log: log, done: make(chan error, 1)}
	go func() { in.done <- cmd.Wait() }()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if in.exited() {
			return nil, fmt.Errorf("%s exited at start (log: %s)", in.url, logPath)
		}
		if status(ctx, in.url+"/healthz") == http.StatusOK {
			return in, nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	in.stop()
	return nil, fmt.Errorf("%s did not answer /healthz in 30 s (log: %s)", in.url, logPath)
}

// exited reports whether the process has ended; it must not have.
func (in *instance) exited() bool {
	select {
	case err := <-in.done:
		in.done <- err // keep it for stop
		return true
	default:
		return false
	}
}

// stop asks the process to shut down as systemd would (SIGTERM), which
// lets its jobs finish, and kills it if it has not ended in 20 s.
func (in *instance) stop() {
	in.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-in.done:
	case <-time.After(20 * time.Second):
		in.cmd.Process.Kill()
		<-in.done
	}
	in.log.Close()
}

// status GETs url and returns the status, 0 if there was no answer.
func status(ctx context.Context, url string) int {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		return 0
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}
