package csvio

import (
	"fmt"
	"slices"
)

// Prefetched reads a RowReader's records on a goroutine of its own, a chunk of them ahead of
// the caller: splitting a record into fields was a quarter of a connector's parse, and this
// way it runs on another core while the caller converts the records it already has
// (docs/performance.md, step 23). Records come out in file order, then the error that ended
// the reading (io.EOF at the end), exactly as the RowReader would have returned them.
//
// A Record is valid until the Next call after the one that returned it, as with RowReader;
// the strings Field returns stay valid as long as they are referenced. Close stops the
// reading; the caller must call it before closing the reader's text.
type Prefetched struct {
	full   chan *recordChunk // read chunks, in file order
	free   chan *recordChunk // chunks the caller is done with
	done   chan struct{}     // closed by Close
	exited chan struct{}     // closed when the reading goroutine returns
	cur    *recordChunk
	i      int
	closed bool
}

// A chunk holds records whose bounds, lines and cols are slices of one array, so that a
// reused chunk costs no allocation.
type recordChunk struct {
	recs  []Record
	spans []recordSpan
	ints  []int // the bounds, lines and cols of each record, back to back
	err   error // after recs: what ended the reading, or nil when more follow
}

type recordSpan struct{ start, bounds, fields int }

const (
	chunkRecords = 256 // records per chunk: enough to make the hand-over cheap
	chunksAhead  = 4   // chunks read ahead at most: memory stays bounded by a few chunks
)

// A RecordReader hands out records one at a time, as RowReader does.
type RecordReader interface {
	Next() (Record, error)
}

// Prefetch starts reading rr's records ahead.
func Prefetch(rr RecordReader) *Prefetched {
	p := &Prefetched{
		full:   make(chan *recordChunk, chunksAhead),
		free:   make(chan *recordChunk, chunksAhead+2),
		done:   make(chan struct{}),
		exited: make(chan struct{}),
	}
	for range cap(p.free) {
		p.free <- &recordChunk{}
	}
	go p.read(rr)
	return p
}

// panicked carries a panic of the reading goroutine to the caller's, where it would have
// happened without the prefetch (and where the scheduler's recover can see it).
type panicked struct{ value any }

func (p panicked) Error() string { return fmt.Sprint("csvio: reading records panicked: ", p.value) }

func (p *Prefetched) read(rr RecordReader) {
	defer close(p.exited)
	var c *recordChunk
	defer func() {
		if v := recover(); v != nil && c != nil {
			c.err = panicked{v}
			c.fix()
			select {
			case p.full <- c:
			case <-p.done:
			}
		}
	}()
	for {
		select {
		case c = <-p.free:
		case <-p.done:
			return
		}
		c.recs, c.spans, c.ints, c.err = c.recs[:0], c.spans[:0], c.ints[:0], nil
		for len(c.recs) < chunkRecords {
			r, err := rr.Next()
			if err != nil {
				c.err = err
				break
			}
			c.add(r)
		}
		c.fix()
		select {
		case p.full <- c:
		case <-p.done:
			return
		}
		if c.err != nil {
			return
		}
	}
}

// add copies r into the chunk: its text and cells are shared (neither is reused by the
// reader, except cells from encoding/csv, which are cloned), its bounds, lines and cols
// copied to the chunk's array.
func (c *recordChunk) add(r Record) {
	start := len(c.ints)
	c.ints = append(c.ints, r.bounds...)
	c.ints = append(c.ints, r.lines...)
	c.ints = append(c.ints, r.cols...)
	r.cells = slices.Clone(r.cells)
	c.spans = append(c.spans, recordSpan{start: start, bounds: len(r.bounds), fields: len(r.lines)})
	c.recs = append(c.recs, r)
}

// fix points the records at the chunk's array, now that it no longer moves.
func (c *recordChunk) fix() {
	for i, s := range c.spans {
		b := s.start
		l := b + s.bounds
		k := l + s.fields
		e := k + s.fields
		c.recs[i].bounds = c.ints[b:l:l]
		c.recs[i].lines = c.ints[l:k:k]
		c.recs[i].cols = c.ints[k:e:e]
	}
}

// Next returns the next record, or the error that ended the reading (io.EOF after the last
// record); it returns that error again on every later call.
func (p *Prefetched) Next() (Record, error) {
	for {
		if p.cur != nil {
			if p.i < len(p.cur.recs) {
				p.i++
				return p.cur.recs[p.i-1], nil
			}
			if err := p.cur.err; err != nil {
				if pv, ok := err.(panicked); ok {
					panic(pv.value)
				}
				return Record{}, err
			}
			p.free <- p.cur // never blocks: free has room for every chunk
			p.cur = nil
		}
		p.cur, p.i = <-p.full, 0
	}
}

// Close stops the reading and waits for its goroutine to return.
func (p *Prefetched) Close() {
	if p.closed {
		return
	}
	p.closed = true
	close(p.done)
	<-p.exited
}
