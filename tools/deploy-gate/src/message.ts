import type { SlackMessage } from '@streamkit/e2e-report';

/** Slack rejects a section text over 3000 characters. */
const MAX_SECTION_TEXT = 2900;

/** The gate's one Slack message: the decision, why, and where the suite's report is. */
export function gateMessage(lines: string[], reportLocation: string): SlackMessage {
  const [headline = '', ...why] = lines;
  const link = /^https?:\/\//.test(reportLocation) ? `<${reportLocation}|the e2e report>` : `\`${reportLocation}\``;
  const body = [`*${headline.replace(/^deploy gate: /, 'Deploy gate: ')}*`, ...why, `Full report: ${link}`].join('\n');
  return {
    text: headline,
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: body.length > MAX_SECTION_TEXT ? `${body.slice(0, MAX_SECTION_TEXT)}…` : body },
      },
    ],
  };
}
