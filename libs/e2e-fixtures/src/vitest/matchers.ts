import type { AxiosResponse } from 'axios';
import { expect } from 'vitest';
import { describeExchange } from '../api-client.ts';

expect.extend({
  /** `expect(res).toHaveStatus(200)`: on failure prints method, URL, status, request id and body. */
  toHaveStatus(response: AxiosResponse, expected: number) {
    const pass = response.status === expected;
    return {
      pass,
      message: () =>
        `expected status ${this.isNot ? 'not ' : ''}${expected}, got ${response.status}\n${describeExchange(response)}`,
    };
  },
});

declare module 'vitest' {
  // The declaration must match Vitest's own `Matchers<T = any>` to merge with it.
  interface Matchers<T = any> {
    toHaveStatus(expected: number): T;
  }
}
