// Package searchquery parses the public search language into a small tree.
//
// Words separated by spaces must all match: byggesøknad vedtak. Quotes match a
// phrase: "søknad om skjenkebevilling" (« » and “ ” work too). A minus sign or
// NOT excludes: -klage, NOT anke, -(a b). OR or | gives alternatives; AND, +
// and plain spaces require; NOT binds tightest, then AND, then OR, so
// a b OR c means (a AND b) OR c. Parentheses group. Only uppercase OR, AND
// and NOT are operators. A case number (2024/123, 24/123, 2024/123-4) or a
// valid organisasjonsnummer (974760673) typed on its own matches that record.
// Common words (og, i, på) are ignored outside quotes. Typing mistakes such as
// unbalanced quotes or parentheses are repaired rather than rejected.
package searchquery
