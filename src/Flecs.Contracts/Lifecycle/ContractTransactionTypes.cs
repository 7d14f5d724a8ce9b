using Flecs.Ledger.Transactions;

namespace Flecs.Contracts.Lifecycle;

/// <summary>The contract module's transaction types (100–119). Persisted in signed transactions: never renumber.</summary>
public static class ContractTransactionTypes
{
    /// <summary>SA: certify a template's code (static analysis and dry run in the executor).</summary>
    public static TransactionType CertifyTemplate => new(100);

    /// <summary>SA: decertify a template: no new instances.</summary>
    public static TransactionType DecertifyTemplate => new(101);

    /// <summary>A party proposes a contract on a certified template.</summary>
    public static TransactionType ProposeContract => new(102);

    /// <summary>A party accepts the pending proposal (terms, amendment or termination).</summary>
    public static TransactionType AcceptContract => new(103);

    /// <summary>A party proposes new parameters from a future interval.</summary>
    public static TransactionType AmendContract => new(104);

    /// <summary>A party proposes to end the contract at a future interval.</summary>
    public static TransactionType TerminateContract => new(105);

    /// <summary>SA: override parameters and/or move the contract to another certified template, with a reason.</summary>
    public static TransactionType PatchContract => new(106);

    /// <summary>Market Operator, System Operator or SA: execute the next intervals of a live contract with their inputs.</summary>
    public static TransactionType ExecuteContract => new(107);

    /// <summary>A holder transfers green certificates.</summary>
    public static TransactionType TransferCertificates => new(108);

    /// <summary>A holder retires green certificates with a claim.</summary>
    public static TransactionType RetireCertificates => new(109);

    /// <summary>The name of a contract transaction type, or null.</summary>
    public static string? Name(TransactionType type) => type.Value switch
    {
        100 => "certify-template",
        101 => "decertify-template",
        102 => "propose-contract",
        103 => "accept-contract",
        104 => "amend-contract",
        105 => "terminate-contract",
        106 => "patch-contract",
        107 => "execute-contract",
        108 => "transfer-certificates",
        109 => "retire-certificates",
        _ => null,
    };
}
