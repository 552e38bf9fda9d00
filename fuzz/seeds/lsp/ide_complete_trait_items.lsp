Content-Length: 406

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///ws/src/main.rs", "languageId": "rust", "version": 1, "text": "//- /main.rs crate:main\npub trait Shape: Named {\n    const SIDES: u32;\n    type Unit;\n    fn area(&self) -> f64;\n    fn describe(&self) -> String { String::new() }\n}\npub trait Named { fn name(&self) -> String; }\nfn main() { Shape:: }\n"}}}Content-Length: 169

{"jsonrpc": "2.0", "id": 1, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///ws/src/main.rs"}, "position": {"line": 8, "character": 19}}}Content-Length: 169

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///ws/src/main.rs"}, "position": {"line": 8, "character": 19}}}Content-Length: 164

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///ws/src/main.rs"}, "position": {"line": 8, "character": 19}}}Content-Length: 172

{"jsonrpc": "2.0", "id": 4, "method": "textDocument/signatureHelp", "params": {"textDocument": {"uri": "file:///ws/src/main.rs"}, "position": {"line": 8, "character": 19}}}Content-Length: 253

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///ws/src/main.rs", "version": 2}, "contentChanges": [{"range": {"start": {"line": 8, "character": 19}, "end": {"line": 8, "character": 19}}, "text": "."}]}}Content-Length: 169

{"jsonrpc": "2.0", "id": 5, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///ws/src/main.rs"}, "position": {"line": 8, "character": 20}}}Content-Length: 131

{"jsonrpc": "2.0", "id": 6, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": "file:///ws/src/main.rs"}}}Content-Length: 116

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///ws/src/main.rs"}}}