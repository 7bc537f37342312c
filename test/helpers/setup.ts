// Ink writes only the last frame under CI and a lone newline on unmount; tests want the interactive behaviour.
delete process.env['CI'];
