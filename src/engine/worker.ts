/// <reference lib="webworker" />
import { createEngine } from './engine';
import { serve } from './rpc';

serve(createEngine(), self as DedicatedWorkerGlobalScope);
