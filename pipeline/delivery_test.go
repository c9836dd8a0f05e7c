package pipeline_test

import (
	"bufio"
	"context"
	"encoding/base64"
	"fmt"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/goalpost/goalpost/pipeline"
)

// smtpServer is a small real SMTP server on loopback that keeps what it receives.
type smtpServer struct {
	ln       net.Listener
	received chan received
}

type received struct {
	from string
	to   []string
	data string
}

func startSMTP(t *testing.T) *smtpServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &smtpServer{ln: ln, received: make(chan received, 4)}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go s.serve(c)
		}
	}()
	return s
}

func (s *smtpServer) serve(c net.Conn) {
	defer c.Close()
	c.SetDeadline(time.Now().Add(30 * time.Second))
	r := bufio.NewReader(c)
	say := func(line string) { fmt.Fprintf(c, "%s\r\n", line) }
	say("220 test ESMTP")
	var msg received
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
			say("250-test greets you")
			say("250 8BITMIME")
		case strings.HasPrefix(cmd, "MAIL FROM:"):
			addr := strings.TrimSpace(line)[10:]
			if i := strings.IndexByte(addr, '>'); i >= 0 {
				addr = addr[:i]
			}
			msg.from = strings.Trim(addr, "<> ")
			say("250 OK")
		case strings.HasPrefix(cmd, "RCPT TO:"):
			msg.to = append(msg.to, strings.Trim(strings.TrimSpace(line)[8:], "<> "))
			say("250 OK")
		case cmd == "DATA":
			say("354 end with .")
			var b strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				b.WriteString(strings.TrimPrefix(l, "."))
			}
			msg.data = b.String()
			s.received <- msg
			say("250 queued")
		case cmd == "QUIT":
			say("221 bye")
			return
		default:
			say("250 OK")
		}
	}
}

func TestReportMailReachesTheBoardWithTheWorkbook(t *testing.T) {
	srv := startSMTP(t)
	port := srv.ln.Addr().(*net.TCPAddr).Port
	dir := t.TempDir()
	wb := filepath.Join(dir, "riverside-2026-10.xlsx")
	content := []byte("PK\x03\x04 pretend workbook bytes")
	os.WriteFile(wb, content, 0o644)
	m := pipeline.Mail{Host: "127.0.0.1", Port: port, From: "reports@example.org", To: []string{"chair@example.org", "treasurer@example.org"}}
	err := m.Send(context.Background(), "Riverside Food Bank: goal report for October 2026", "Summary: 5 of 7 goals on track.\n", []string{wb}, time.Date(2026, 11, 1, 7, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	var got received
	select {
	case got = <-srv.received:
	case <-time.After(10 * time.Second):
		t.Fatal("the server received nothing")
	}
	if got.from != "reports@example.org" || len(got.to) != 2 {
		t.Errorf("envelope from %q to %v", got.from, got.to)
	}
	msg, err := mail.ReadMessage(strings.NewReader(got.data))
	if err != nil {
		t.Fatal(err)
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if subject != "Riverside Food Bank: goal report for October 2026" {
		t.Errorf("subject = %q", subject)
	}
	_, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	body, err := mr.NextPart()
	if err != nil {
		t.Fatal(err)
	}
	text := new(strings.Builder)
	fmt.Fprint(text, readAll(t, body))
	if !strings.Contains(text.String(), "5 of 7 goals on track") {
		t.Errorf("body = %q", text)
	}
	att, err := mr.NextPart()
	if err != nil {
		t.Fatal(err)
	}
	if att.FileName() != "riverside-2026-10.xlsx" {
		t.Errorf("attachment name = %q", att.FileName())
	}
	decoded, err := base64.StdEncoding.DecodeString(strings.ReplaceAll(readAll(t, att), "\r\n", ""))
	if err != nil || string(decoded) != string(content) {
		t.Errorf("attachment bytes differ: %q %v", decoded, err)
	}
}

func readAll(t *testing.T, p *multipart.Part) string {
	t.Helper()
	var b strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := p.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return b.String()
}
