# innsyn: a static binary on a minimal base, run as a non-root user.
# Build: docker build -t innsyn .   Run: docker run -e INNSYN_DATABASE_URL=… -p 8080:8080 innsyn
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/innsyn ./cmd/innsyn

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/innsyn /usr/local/bin/innsyn
USER nonroot:nonroot
ENV INNSYN_LISTEN=0.0.0.0:8080
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/innsyn", "serve"]
