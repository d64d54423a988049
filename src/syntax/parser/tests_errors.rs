//! AST-shape tests for the parser.
