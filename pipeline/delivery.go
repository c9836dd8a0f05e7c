package pipeline

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/base64"
	"fmt"
	"mime"
	"mime/multipart"
	"net"
	"net/smtp"
	"net/textproto"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Mail is how finished reports reach the board: one message per report, the workbook
// attached, a short summary in the body.
type Mail struct {
	Host     string // SMTP server host
	Port     int    // 587 (STARTTLS) by default
	Username string // empty: no authentication
	Password string
	From     string
	To       []string
}

// Send mails the report files to the recipients. The server's STARTTLS is used when offered;
// credentials are only sent over TLS or to a server on this machine.
func (m Mail) Send(ctx context.Context, subject, body string, attachments []string, now time.Time) error {
	if m.Host == "" || m.From == "" || len(m.To) == 0 {
		return fmt.Errorf("mail: host, from and at least one recipient are needed")
	}
	port := m.Port
	if port == 0 {
		port = 587
	}
	msg, err := m.message(subject, body, attachments, now)
	if err != nil {
		return err
	}
	addr := net.JoinHostPort(m.Host, fmt.Sprint(port))
	d := net.Dialer{Timeout: 30 * time.Second}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("mail: connecting to %s: %w", addr, err)
	}
	if dl, ok := ctx.Deadline(); ok {
		conn.SetDeadline(dl)
	} else {
		conn.SetDeadline(time.Now().Add(2 * time.Minute))
	}
	c, err := smtp.NewClient(conn, m.Host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("mail: %s: %w", addr, err)
	}
	defer c.Close()
	if ok, _ := c.Extension("STARTTLS"); ok {
		if err := c.StartTLS(tlsConfig(m.Host)); err != nil {
			return fmt.Errorf("mail: STARTTLS with %s: %w", addr, err)
		}
	}
	if m.Username != "" {
		// net/smtp refuses PLAIN auth without TLS except to localhost, which is the rule we want.
		if err := c.Auth(smtp.PlainAuth("", m.Username, m.Password, m.Host)); err != nil {
			return fmt.Errorf("mail: authenticating with %s: %w", addr, err)
		}
	}
	if err := c.Mail(m.From); err != nil {
		return fmt.Errorf("mail: sender %s: %w", m.From, err)
	}
	for _, to := range m.To {
		if err := c.Rcpt(to); err != nil {
			return fmt.Errorf("mail: recipient %s: %w", to, err)
		}
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("mail: %w", err)
	}
	if _, err := w.Write(msg); err != nil {
		return fmt.Errorf("mail: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("mail: %w", err)
	}
	return c.Quit()
}

func (m Mail) message(subject, body string, attachments []string, now time.Time) ([]byte, error) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=%s\r\n\r\n",
		m.From, strings.Join(m.To, ", "), mime.QEncoding.Encode("utf-8", subject), now.Format(time.RFC1123Z), mw.Boundary())
	part, err := mw.CreatePart(textproto.MIMEHeader{"Content-Type": {"text/plain; charset=utf-8"}, "Content-Transfer-Encoding": {"8bit"}})
	if err != nil {
		return nil, err
	}
	part.Write([]byte(strings.ReplaceAll(body, "\n", "\r\n")))
	for _, path := range attachments {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("mail: attachment: %w", err)
		}
		name := filepath.Base(path)
		ctype := mime.TypeByExtension(filepath.Ext(name))
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		part, err := mw.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {ctype},
			"Content-Transfer-Encoding": {"base64"},
			"Content-Disposition":       {mime.FormatMediaType("attachment", map[string]string{"filename": name})},
		})
		if err != nil {
			return nil, err
		}
		enc := base64.StdEncoding.EncodeToString(data)
		for len(enc) > 76 {
			part.Write([]byte(enc[:76] + "\r\n"))
			enc = enc[76:]
		}
		part.Write([]byte(enc + "\r\n"))
	}
	if err := mw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func tlsConfig(host string) *tls.Config {
	return &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
}
