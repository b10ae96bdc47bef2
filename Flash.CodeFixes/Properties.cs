using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Flash.Tests")]
