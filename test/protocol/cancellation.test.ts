import * as assert from 'assert';
import {
  CancellationTokenSource,
  HoverRequest,
  LSPErrorCodes,
  ResponseError,
} from 'vscode-languageserver-protocol/node';
import { hoverText, TestClient } from '../support/lspClient';

const uri = 'file:///workspace/cancel.md';

/** Sends a hover that is cancelled at once, and says how it ended: 'cancelled', or 'answered'. */
async function cancelledHover(client: TestClient): Promise<'cancelled' | 'answered'> {
  const source = new CancellationTokenSource();
  const answer = client.connection.sendRequest(
    HoverRequest.type,
    { textDocument: { uri }, position: { line: 0, character: 5 } },
    source.token,
  );
  source.cancel();
  try {
    await answer;
    return 'answered';
  } catch (error) {
    assert.ok(error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled, String(error));
    return 'cancelled';
  }
}

describe('The server when requests are cancelled', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
    await client.open(uri, 'markdown', 'The KV cache fills up.\n');
  });
  after(async () => client.stop());

  it('answers a request cancelled while the glossary still loads with RequestCancelled, not with a late result', async () => {
    assert.strictEqual(await cancelledHover(client), 'cancelled');
  });

  it('answers every one of a burst of cancelled requests, and the next request normally', async () => {
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => cancelledHover(client)));
    assert.ok(outcomes.filter((o) => o === 'cancelled').length > 0, 'none of the 50 was cancelled');
    assert.match(hoverText(await client.hover(uri, 0, 5)), /^### KV cache/);
  });
});
