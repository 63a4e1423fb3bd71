# innsyn: a static binary in an empty image, run as a non-root user.
# Build: docker build -t innsyn .   Run: docker run -e INNSYN_DATABASE_URL=… -p 8080:8080 innsyn
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/innsyn ./cmd/innsyn \
 && echo 'innsyn:x:65532:65532:innsyn:/:/sbin/nologin' > /out/passwd

FROM scratch
# CA certificates for TLS to PostgreSQL and S3; the user exists only by number.
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /out/passwd /etc/passwd
COPY --from=build /out/innsyn /innsyn
USER 65532:65532
ENV INNSYN_LISTEN=0.0.0.0:8080
EXPOSE 8080
ENTRYPOINT ["/innsyn", "serve"]
