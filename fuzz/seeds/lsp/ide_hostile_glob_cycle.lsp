Content-Length: 355

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///ws/src/main.rs", "languageId": "rust", "version": 1, "text": "//- /main.rs crate:main\nmod a {\n    pub use super::b::*;\n    pub struct FromA;\n}\nmod b {\n    pub use super::a::*;\n    pub use self::*;\n    pub struct FromB;\n}\nfn main() { a::From }\n"}}}Content-Length: 170

{"jsonrpc": "2.0", "id": 1, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///ws/src/main.rs"}, "position": {"line": 10, "character": 19}}}Content-Length: 170

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///ws/src/main.rs"}, "position": {"line": 10, "character": 19}}}Content-Length: 165

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///ws/src/main.rs"}, "position": {"line": 10, "character": 19}}}Content-Length: 173

{"jsonrpc": "2.0", "id": 4, "method": "textDocument/signatureHelp", "params": {"textDocument": {"uri": "file:///ws/src/main.rs"}, "position": {"line": 10, "character": 19}}}Content-Length: 255

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///ws/src/main.rs", "version": 2}, "contentChanges": [{"range": {"start": {"line": 10, "character": 19}, "end": {"line": 10, "character": 19}}, "text": "."}]}}Content-Length: 170

{"jsonrpc": "2.0", "id": 5, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///ws/src/main.rs"}, "position": {"line": 10, "character": 20}}}Content-Length: 131

{"jsonrpc": "2.0", "id": 6, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": "file:///ws/src/main.rs"}}}Content-Length: 116

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///ws/src/main.rs"}}}