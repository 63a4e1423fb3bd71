package api

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/rs/zerolog"

	"github.com/innsyn/innsyn/internal/blob"
	"github.com/innsyn/innsyn/internal/journal"
)

// download answers with the public file of a document: a redirect to a
// presigned URL, or the bytes.
func download(api huma.API, deps Deps, d journal.PublicDokument, in *DownloadInput) *huma.StreamResponse {
	f := d.Fil
	etag := strconv.Quote(f.Sjekksum)
	return &huma.StreamResponse{Body: func(ctx huma.Context) {
		ctx.SetHeader("ETag", etag)
		ctx.SetHeader("Cache-Control", "no-cache")
		if etagMatches(in.IfNoneMatch, etag) {
			ctx.SetStatus(http.StatusNotModified)
			return
		}
		if presigner, ok := deps.Blobs.(blob.Presigner); ok && deps.Download.Redirect {
			u, err := presigner.PresignGet(ctx.Context(), f.StorageKey, deps.Download.PresignTTL, f.Filnavn, f.MediaType)
			if err != nil {
				writeErr(api, ctx, storeError(err))
				return
			}
			// The URL expires, so nobody may keep this answer.
			ctx.SetHeader("Cache-Control", "no-store")
			ctx.SetHeader("Location", u.String())
			ctx.SetStatus(http.StatusFound)
			return
		}
		stream(api, deps.Blobs, ctx, f.StorageKey, f.Storrelse, f.Sjekksum, in.Range, func(h func(string, string)) {
			h("Content-Type", f.MediaType)
			h("Content-Disposition", blob.ContentDisposition("attachment", f.Filnavn))
		})
	}}
}

// stream sends the object, or the one range asked for, through the service.
func stream(api huma.API, blobs blob.Store, ctx huma.Context, key string, size int64, sum, rangeHeader string, headers func(func(string, string))) {
	offset, length, partial, err := parseRange(rangeHeader, size)
	if err != nil {
		ctx.SetHeader("Content-Range", fmt.Sprintf("bytes */%d", size))
		writeErr(api, ctx, journal.Errorf(errRangeCode, "the range cannot be satisfied: the file has %d bytes", size))
		return
	}
	var body io.ReadCloser
	if partial {
		body, _, err = blobs.GetRange(ctx.Context(), key, offset, length)
	} else {
		body, _, err = blobs.Get(ctx.Context(), key)
	}
	if err != nil {
		writeErr(api, ctx, storeError(err))
		return
	}
	defer body.Close()
	headers(ctx.SetHeader)
	ctx.SetHeader("Accept-Ranges", "bytes")
	status := http.StatusOK
	if partial {
		status = http.StatusPartialContent
		ctx.SetHeader("Content-Range", fmt.Sprintf("bytes %d-%d/%d", offset, offset+length-1, size))
	} else {
		length = size
	}
	ctx.SetHeader("Content-Length", strconv.FormatInt(length, 10))
	ctx.SetStatus(status)
	if partial {
		io.Copy(ctx.BodyWriter(), body)
		return
	}
	// A whole file is checked against its checksum as it goes out: if the
	// store returned something else, the transfer is cut off rather than
	// finished with bad bytes.
	checked := blob.NewChecked(body, sum)
	if _, err := io.Copy(ctx.BodyWriter(), checked); err != nil {
		return
	}
	if checked.Verify() != nil {
		zerolog.Ctx(ctx.Context()).Error().Str("key", key).Msg("stored file does not match its checksum")
		panic(http.ErrAbortHandler)
	}
}

// errRangeCode maps to 416 in codeStatuses.
const errRangeCode journal.Code = "range_not_satisfiable"

// storeError turns a document store failure into what the client is told:
// a missing object is 404, an unreachable store 503; never the store's text.
func storeError(err error) error {
	switch {
	case errors.Is(err, blob.ErrNotFound):
		return journal.Errorf(journal.ErrNotFound, "the file is missing from the document store")
	case errors.Is(err, blob.ErrUnavailable):
		return journal.Errorf(journal.ErrUnavailable, "the document store cannot be reached; try again shortly")
	}
	return fmt.Errorf("document store: %w", err)
}

// parseRange reads a single "bytes=a-b", "bytes=a-" or "bytes=-n" range.
// No header, or several ranges, mean the whole file (RFC 9110 lets a
// server ignore Range).
func parseRange(header string, size int64) (offset, length int64, partial bool, err error) {
	spec, ok := strings.CutPrefix(strings.TrimSpace(header), "bytes=")
	if !ok || strings.Contains(spec, ",") {
		return 0, size, false, nil
	}
	first, last, _ := strings.Cut(spec, "-")
	bad := errors.New("bad range")
	switch {
	case first == "":
		n, err := strconv.ParseInt(last, 10, 64)
		if err != nil || n <= 0 {
			return 0, 0, false, bad
		}
		n = min(n, size)
		return size - n, n, true, nil
	default:
		start, err := strconv.ParseInt(first, 10, 64)
		if err != nil || start < 0 || start >= size {
			return 0, 0, false, bad
		}
		end := size - 1
		if last != "" {
			if end, err = strconv.ParseInt(last, 10, 64); err != nil || end < start {
				return 0, 0, false, bad
			}
			end = min(end, size-1)
		}
		return start, end - start + 1, true, nil
	}
}

// etagMatches reports whether If-None-Match names the ETag (or is *).
func etagMatches(ifNoneMatch, etag string) bool {
	for _, t := range strings.Split(ifNoneMatch, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == etag || t == "*" {
			return true
		}
	}
	return false
}
