namespace Flecs.Contracts;

/// <summary>The contract module's stable error and rejection codes (docs/contracts/README.md#error-codes lists each).</summary>
/// <remarks>Receipts persist these strings: a published code never changes meaning.</remarks>
public static class ContractErrors
{
    /// <summary>A value is not a well-formed contract value (bad JSON/CBOR, too deep, too long, duplicate key).</summary>
    public const string InvalidValue = "contract.value.invalid";

    /// <summary>A number is not a safe integer (fractions, exponents, NaN, ±∞ and |v| &gt; 2⁵³ − 1 are refused).</summary>
    public const string NotInteger = "contract.value.not-integer";

    /// <summary>The template source does not parse as a JavaScript module.</summary>
    public const string Syntax = "contract.template.syntax";

    /// <summary>The template uses a forbidden global, construct or property (static analysis).</summary>
    public const string Forbidden = "contract.template.forbidden";

    /// <summary>The template's <c>meta</c> export is missing or invalid.</summary>
    public const string InvalidMeta = "contract.template.meta";

    /// <summary>The template does not export an <c>interval(ctx)</c> function.</summary>
    public const string MissingEntry = "contract.template.entry";

    /// <summary>The template is larger than the limit.</summary>
    public const string TemplateTooLarge = "contract.template.too-large";

    /// <summary>The certification dry run failed on a sample input.</summary>
    public const string DryRunFailed = "contract.template.dry-run";

    /// <summary>No template with this code hash is on the ledger.</summary>
    public const string UnknownTemplate = "contract.template.unknown";

    /// <summary>The template is not (or no longer) certified.</summary>
    public const string NotCertified = "contract.template.not-certified";

    /// <summary>The template is already certified.</summary>
    public const string AlreadyCertified = "contract.template.already-certified";

    /// <summary>The execution used its whole statement budget.</summary>
    public const string Budget = "contract.exec.budget";

    /// <summary>The execution nested calls deeper than the recursion limit.</summary>
    public const string Recursion = "contract.exec.recursion";

    /// <summary>The execution exceeded the array-size or memory limit.</summary>
    public const string Memory = "contract.exec.memory";

    /// <summary>The template threw (a JavaScript error, including a reference to an undefined global).</summary>
    public const string Threw = "contract.exec.threw";

    /// <summary>The engine failed in another way.</summary>
    public const string ExecutionFault = "contract.exec.fault";

    /// <summary>The template's result has the wrong shape.</summary>
    public const string InvalidOutput = "contract.output.invalid";

    /// <summary>The template's result holds a number that is not a safe integer.</summary>
    public const string OutputNotInteger = "contract.output.not-integer";

    /// <summary>The template's result names a party the contract does not have, or a party paying itself.</summary>
    public const string UnknownParty = "contract.output.unknown-party";

    /// <summary>The template's result holds a negative energy, amount or certificate count.</summary>
    public const string NegativeOutput = "contract.output.negative";

    /// <summary>The parameters do not match the template's schema.</summary>
    public const string InvalidParameters = "contract.params.invalid";

    /// <summary>The parties do not match the template's roles, or a party is unknown or not authorized.</summary>
    public const string InvalidParties = "contract.parties.invalid";

    /// <summary>The interval inputs are invalid (missing meter or price, negative energy).</summary>
    public const string InvalidInput = "contract.input.invalid";

    /// <summary>The term is invalid (end not after start, or a change outside the term).</summary>
    public const string InvalidTerm = "contract.term.invalid";

    /// <summary>No contract with this id.</summary>
    public const string UnknownContract = "contract.unknown";

    /// <summary>The sender is not a party (or the representative of a passive party) of the contract.</summary>
    public const string NotParty = "contract.not-party";

    /// <summary>The sender may not do this (e.g. execute without being the Market Operator or SA; certify without being the SA).</summary>
    public const string NotPermitted = "contract.not-permitted";

    /// <summary>The accepted proposal is not the pending one.</summary>
    public const string ProposalMismatch = "contract.proposal.mismatch";

    /// <summary>The party already accepted the pending proposal.</summary>
    public const string AlreadyAccepted = "contract.proposal.already-accepted";

    /// <summary>There is no pending proposal to accept.</summary>
    public const string NoProposal = "contract.proposal.none";

    /// <summary>The operation needs a live contract (accepted by all, not terminated or expired).</summary>
    public const string NotLive = "contract.not-live";

    /// <summary>A change must take effect at or after the first interval not yet executed.</summary>
    public const string EffectiveInPast = "contract.effective-in-past";

    /// <summary>Intervals execute in order: the first one in the transaction is not the next one due.</summary>
    public const string OutOfOrder = "contract.interval.out-of-order";

    /// <summary>The interval is outside the contract's term.</summary>
    public const string OutsideTerm = "contract.interval.outside-term";

    /// <summary>The holder has fewer certificates than the transfer or retirement needs.</summary>
    public const string InsufficientCertificates = "contract.certificates.insufficient";

    /// <summary>All codes (pinned by tests).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        InvalidValue, NotInteger, Syntax, Forbidden, InvalidMeta, MissingEntry, TemplateTooLarge, DryRunFailed, UnknownTemplate,
        NotCertified, AlreadyCertified, Budget, Recursion, Memory, Threw, ExecutionFault, InvalidOutput, OutputNotInteger,
        UnknownParty, NegativeOutput, InvalidParameters, InvalidParties, InvalidInput, InvalidTerm, UnknownContract, NotParty,
        NotPermitted, ProposalMismatch, AlreadyAccepted, NoProposal, NotLive, EffectiveInPast, OutOfOrder, OutsideTerm,
        InsufficientCertificates,
    ];
}
