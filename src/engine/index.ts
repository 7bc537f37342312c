export { createEngine, WATCH_MS, type Engine } from './engine.js';
export type { EngineOptions, EnginePorts, GitHubPort, NotifyKind, TravisPort } from './ports.js';
