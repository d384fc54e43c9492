#!/usr/bin/env node
// Runs the TypeScript sources directly: tsx is resolved from this package, whatever the caller's directory.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
