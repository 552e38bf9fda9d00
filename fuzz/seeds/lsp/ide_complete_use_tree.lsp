Content-Length: 371

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///ws/src/main.rs", "languageId": "rust", "version": 1, "text": "//- /main.rs crate:main\npub mod shapes {\n    pub mod round { pub struct Circle; pub struct Oval; }\n    pub struct Square;\n    pub struct Star;\n}\nuse shapes::{Square, round::{Circle, O}};\nfn main() {}\n"}}}Content-Length: 169

{"jsonrpc": "2.0", "id": 1, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///ws/src/main.rs"}, "position": {"line": 6, "character": 38}}}Content-Length: 169

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///ws/src/main.rs"}, "position": {"line": 6, "character": 38}}}Content-Length: 164

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///ws/src/main.rs"}, "position": {"line": 6, "character": 38}}}Content-Length: 172

{"jsonrpc": "2.0", "id": 4, "method": "textDocument/signatureHelp", "params": {"textDocument": {"uri": "file:///ws/src/main.rs"}, "position": {"line": 6, "character": 38}}}Content-Length: 253

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///ws/src/main.rs", "version": 2}, "contentChanges": [{"range": {"start": {"line": 6, "character": 38}, "end": {"line": 6, "character": 38}}, "text": "."}]}}Content-Length: 169

{"jsonrpc": "2.0", "id": 5, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///ws/src/main.rs"}, "position": {"line": 6, "character": 39}}}Content-Length: 131

{"jsonrpc": "2.0", "id": 6, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": "file:///ws/src/main.rs"}}}Content-Length: 116

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///ws/src/main.rs"}}}