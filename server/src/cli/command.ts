/** What every `domxml` subcommand provides. */
import { OptionSpec, ParsedArgs } from './args';
import { Decoded } from '../languageservice/parser/decode';

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readFile: (path: string) => string;
  /** a domain file with its encoding problems (parser/decode.ts); absent: readFile, no problems */
  readDomain?: (path: string) => Decoded;
  /** a one-line progress report on a terminal (replaced by the next; undefined clears it); absent when not a terminal */
  progress?: (line: string | undefined) => void;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: OptionSpec[];
  /** returns the exit status */
  run(args: ParsedArgs, io: CliIO): number;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
