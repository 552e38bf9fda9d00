Content-Length: 52

{"jsonrpc":"2.0","method":"initialized","params":{}}Content-Length: 78

{"jsonrpc":"2.0","id":2,"method":"workspace/symbol","params":{"query":"dist"}}Content-Length: 77

{"jsonrpc":"2.0","id":3,"method":"workspace/symbol","params":{"query":"pnt"}}Content-Length: 77

{"jsonrpc":"2.0","id":4,"method":"workspace/symbol","params":{"query":"zzz"}}Content-Length: 75

{"jsonrpc":"2.0","id":5,"method":"workspace/symbol","params":{"query":"a"}}Content-Length: 126

{"jsonrpc":"2.0","id":6,"method":"textDocument/documentSymbol","params":{"textDocument":{"uri":"file:///ws/src/geometry.rs"}}}Content-Length: 64

{"jsonrpc":"2.0","id":7,"method":"workspace/symbol","params":{}}Content-Length: 44

{"jsonrpc":"2.0","id":8,"method":"shutdown"}Content-Length: 33

{"jsonrpc":"2.0","method":"exit"}