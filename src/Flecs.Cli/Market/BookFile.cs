using Flecs.Market.Books;
using Flecs.Market.Constraints;

namespace Flecs.Cli.Market;

/// <summary>The content of a book file: the orders' text fields and, in JSON books, optional grid constraints.</summary>
/// <param name="Orders">The orders in file order, each with its line.</param>
/// <param name="Constraints">Zone and flow caps, or <see langword="null"/> when the file sets none.</param>
internal sealed record BookFile(IReadOnlyList<OrderFields> Orders, GridConstraints? Constraints);
