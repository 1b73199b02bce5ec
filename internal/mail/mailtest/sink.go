// Package mailtest is an SMTP sink for tests: a small server on a free
// local port that speaks just enough SMTP (EHLO/HELO, MAIL, RCPT, DATA,
// RSET, NOOP, QUIT) to accept mail and record it, so tests see exactly what
// a relay would receive.
package mailtest

import (
	"bufio"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
)

// Message is one message the sink accepted.
type Message struct {
	From string   // envelope sender (MAIL FROM)
	To   []string // envelope recipients (RCPT TO)
	Data string   // the message as sent, dot-stuffing undone
}

// Parse parses the message's headers and body.
func (m Message) Parse() (*mail.Message, error) {
	return mail.ReadMessage(strings.NewReader(m.Data))
}

// Sink is the running server.
type Sink struct {
	ln   net.Listener
	mu   sync.Mutex
	msgs []Message
	// Reject, when set before a send, makes the sink refuse the message
	// after DATA, as a relay with a full queue would.
	reject bool
	wg     sync.WaitGroup
}

// New starts a sink on 127.0.0.1 and stops it when the test ends.
func New(t testing.TB) *Sink {
	t.Helper()
	s, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// Listen starts a sink on addr for a program that is not a test (the
// failover check, scripts/failover); Close stops it.
func Listen(addr string) (*Sink, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	s := &Sink{ln: ln}
	s.wg.Add(1)
	go s.serve()
	return s, nil
}

// Close stops the sink and waits for its sessions to end.
func (s *Sink) Close() {
	s.ln.Close()
	s.wg.Wait()
}

// Addr is the sink's "host:port".
func (s *Sink) Addr() string { return s.ln.Addr().String() }

// Messages returns what the sink has accepted so far.
func (s *Sink) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.msgs...)
}

// SetReject makes the sink refuse (true) or accept (false) messages.
func (s *Sink) SetReject(v bool) {
	s.mu.Lock()
	s.reject = v
	s.mu.Unlock()
}

func (s *Sink) serve() {
	defer s.wg.Done()
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			s.session(c)
		}()
	}
}

// session speaks SMTP on one connection.
func (s *Sink) session(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	reply := func(line string) bool {
		_, err := c.Write([]byte(line + "\r\n"))
		return err == nil
	}
	if !reply("220 sink ESMTP ready") {
		return
	}
	var cur Message
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		line = strings.TrimRight(line, "\r\n")
		verb := strings.ToUpper(strings.SplitN(line, " ", 2)[0])
		ok := true
		switch verb {
		case "EHLO":
			ok = reply("250-sink") && reply("250 8BITMIME")
		case "HELO", "NOOP":
			ok = reply("250 ok")
		case "RSET":
			cur = Message{}
			ok = reply("250 ok")
		case "MAIL":
			cur = Message{From: addrOf(line)}
			ok = reply("250 ok")
		case "RCPT":
			cur.To = append(cur.To, addrOf(line))
			ok = reply("250 ok")
		case "DATA":
			if !reply("354 end with <CRLF>.<CRLF>") {
				return
			}
			data, err := readData(r)
			if err != nil {
				return
			}
			cur.Data = data
			s.mu.Lock()
			reject := s.reject
			if !reject {
				s.msgs = append(s.msgs, cur)
			}
			s.mu.Unlock()
			cur = Message{}
			if reject {
				ok = reply("452 insufficient storage")
			} else {
				ok = reply("250 queued")
			}
		case "QUIT":
			reply("221 bye")
			return
		default:
			ok = reply("502 not implemented")
		}
		if !ok {
			return
		}
	}
}

// readData reads a DATA section up to the lone dot, undoing dot-stuffing.
func readData(r *bufio.Reader) (string, error) {
	var b strings.Builder
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return "", err
		}
		if line == ".\r\n" || line == ".\n" {
			return b.String(), nil
		}
		b.WriteString(strings.TrimPrefix(line, "."))
	}
}

// addrOf returns the address between angle brackets of MAIL FROM:<a> or
// RCPT TO:<a>.
func addrOf(line string) string {
	i, j := strings.Index(line, "<"), strings.LastIndex(line, ">")
	if i < 0 || j < i {
		return ""
	}
	return line[i+1 : j]
}
